using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lakegate.Gateway.Admin;

/// <summary>
/// Admin endpoints: health, stages, deploy (a lakegate.yaml or OpenAPI document in the body, refused
/// whole with every error when invalid) and canary promotion. Errors are <c>{"message": ...}</c>.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Definitions sent over the wire; API Gateway's import limit is 6 MB.</summary>
    private const int MaxDefinitionBytes = 6 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IDefinitionStore store, ServingState state, CancellationToken ct) =>
            Results.Json(new { status = "ok", servingRevision = state.Current.Revision, storeRevision = await store.GetRevisionAsync(ct) }));

        app.MapGet("/stages", async (IDefinitionStore store, CancellationToken ct) =>
            Results.Json((await store.ListStagesAsync(ct)).Select(s => new
            {
                apiId = s.ApiId,
                stage = s.Name,
                deploymentId = s.DeploymentId,
                version = s.Version,
                variables = s.Variables,
                canary = s.Canary is { } c ? new { deploymentId = c.DeploymentId, percentTraffic = c.PercentTraffic, stageVariableOverrides = c.StageVariableOverrides } : null,
                updatedAt = s.UpdatedAt,
            })));

        app.MapPost("/deployments", DeployAsync);

        app.MapGet("/usageplans/{planId}/usage", GetUsageAsync);

        AdminApiKeyEndpoints.Map(app);
        AdminSecretEndpoints.Map(app);

        // FlushStageAuthorizersCache: drops the stage's cached Lambda authorizer results (every node's
        // when the cache is in Redis; this node's when it is in memory). 202, as API Gateway answers.
        app.MapDelete("/stages/{apiId}/{stage}/cache/authorizers", async (string apiId, string stage, Authorizers.IAuthorizerCache cache, CancellationToken ct) =>
        {
            await cache.FlushAsync(Steps.Authorize.LambdaAuthorizerStep.CachePrefix(apiId, stage), ct);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });

        app.MapPost("/stages/{apiId}/{stage}/promote", async (string apiId, string stage, DeploymentService deployments, CancellationToken ct) =>
        {
            try
            {
                var promoted = await deployments.PromoteCanaryAsync(apiId, stage, ct);
                return Results.Json(new { apiId = promoted.ApiId, stage = promoted.Name, deploymentId = promoted.DeploymentId });
            }
            catch (StoreConflictException ex)
            {
                return Results.Json(new { message = ex.Message }, statusCode: StatusCodes.Status409Conflict);
            }
        });
    }

    /// <summary>
    /// <c>GET /usageplans/{planId}/usage?startDate=YYYY-MM-DD&amp;endDate=YYYY-MM-DD[&amp;keyId=NAME]</c>: API Gateway's
    /// GetUsage shape. This node's pending counts are flushed first; other nodes' follow within their flush interval.
    /// </summary>
    private static async Task<IResult> GetUsageAsync(string planId, HttpRequest request, IDefinitionStore store, UsageRecorder recorder, CancellationToken ct)
    {
        var query = request.Query;
        if (!UsageReport.TryParseDate(query["startDate"], out var from) || !UsageReport.TryParseDate(query["endDate"], out var to))
        {
            return Results.Json(new { message = "startDate and endDate are required, as YYYY-MM-DD" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (to < from || to.DayNumber - from.DayNumber >= UsageReport.MaxDays)
        {
            return Results.Json(new { message = $"endDate must be on or after startDate, at most {UsageReport.MaxDays} days later" }, statusCode: StatusCodes.Status400BadRequest);
        }

        await recorder.FlushAsync(ct);
        var report = await UsageReport.BuildAsync(store, planId, from, to, query["keyId"].FirstOrDefault(), ct);
        return report is null
            ? Results.Json(new { message = "Invalid Usage Plan ID specified" }, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(report);
    }

    /// <summary>
    /// <c>POST /deployments?stage=NAME&amp;api=ID&amp;canary=PERCENT&amp;format=json|yaml</c> with the definition as the body.
    /// </summary>
    private static async Task<IResult> DeployAsync(HttpRequest request, DeploymentService deployments, CancellationToken ct)
    {
        if (request.ContentLength > MaxDefinitionBytes)
        {
            return Results.Json(new { message = "definition larger than 6 MB" }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        string text;
        using (var reader = new StreamReader(request.Body))
        {
            var buffer = new char[MaxDefinitionBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
            if (read > MaxDefinitionBytes)
            {
                return Results.Json(new { message = "definition larger than 6 MB" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            text = new string(buffer, 0, read);
        }

        var query = request.Query;
        double? canary = null;
        if (query.TryGetValue("canary", out var canaryText))
        {
            if (!double.TryParse(canaryText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100)
            {
                return Results.Json(new { message = "canary must be a number between 0 and 100" }, statusCode: StatusCodes.Status400BadRequest);
            }

            canary = percent;
        }

        var isJson = string.Equals(query["format"], "json", StringComparison.OrdinalIgnoreCase)
            || (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false);
        var name = isJson ? "definition.json" : "definition.yaml";
        var loaded = DefinitionLoader.LoadText(text, name, new LoadOptions
        {
            ApiId = NullIfEmpty(query["api"]),
            StageName = NullIfEmpty(query["stage"]),
            AllowFileReferences = false,
        });
        if (loaded.HasErrors || loaded.Config is null)
        {
            return Results.Json(new
            {
                message = "the definition has errors and was not deployed",
                errors = loaded.Errors.Select(Describe),
                warnings = loaded.Warnings.Select(Describe),
            }, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            // For an OpenAPI document api/stage named what was created, so filtering by them is a no-op.
            var outcomes = await deployments.DeployAsync(loaded.Config, new DeployRequest
            {
                ApiId = NullIfEmpty(query["api"]),
                StageName = NullIfEmpty(query["stage"]),
                CanaryPercent = canary,
                Description = NullIfEmpty(query["description"]),
            }, ct);
            return Results.Json(new
            {
                deployed = outcomes.Select(o => new { apiId = o.ApiId, stage = o.Stage, deploymentId = o.DeploymentId, changed = o.Changed, canary = o.Canary }),
                warnings = loaded.Warnings.Select(Describe),
            }, statusCode: StatusCodes.Status201Created);
        }
        catch (StoreConflictException ex)
        {
            return Results.Json(new { message = ex.Message }, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];

    private static object Describe(Diagnostic diagnostic) => new
    {
        line = diagnostic.Position?.Line,
        column = diagnostic.Position?.Column,
        message = diagnostic.Message,
    };
}
