using System.Text.Json;
using Lakegate.Gateway.ApiKeys;
using Lakegate.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lakegate.Gateway.Admin;

/// <summary>
/// API keys and usage-plan keys, in API Gateway's REST shapes where it has them: <c>POST /apikeys</c>
/// (201, the value shown this once), <c>GET /apikeys</c> (<c>{"item": [...]}</c>, never values),
/// <c>GET|PATCH|DELETE /apikeys/{id}</c> (PATCH takes <c>patchOperations</c> replacing <c>/enabled</c>;
/// DELETE answers 202), <c>GET|POST /usageplans/{id}/keys</c> and <c>DELETE /usageplans/{id}/keys/{keyId}</c>.
/// A key's id is its name. Changes reach every node through the store revision.
/// </summary>
public static class AdminApiKeyEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/apikeys", CreateAsync);
        app.MapGet("/apikeys", async (IDefinitionStore store, CancellationToken ct) =>
        {
            var record = await store.GetUsagePlansAsync(ct);
            return Results.Json(new { item = record.Keys.Select(k => Describe(k, record)) });
        });
        app.MapGet("/apikeys/{keyId}", async (string keyId, IDefinitionStore store, CancellationToken ct) =>
        {
            var record = await store.GetUsagePlansAsync(ct);
            return record.Keys.FirstOrDefault(k => k.Name == keyId) is { } key ? Results.Json(Describe(key, record)) : KeyNotFound();
        });
        app.MapMethods("/apikeys/{keyId}", ["PATCH"], UpdateAsync);
        app.MapDelete("/apikeys/{keyId}", async (string keyId, IDefinitionStore store, CancellationToken ct) =>
            await Service(store).DeleteAsync(keyId, ct) ? Results.StatusCode(StatusCodes.Status202Accepted) : KeyNotFound());

        app.MapGet("/usageplans/{planId}/keys", async (string planId, IDefinitionStore store, CancellationToken ct) =>
        {
            var record = await store.GetUsagePlansAsync(ct);
            var plan = record.Plans.FirstOrDefault(p => p.Name == planId);
            return plan is null
                ? PlanNotFound()
                : Results.Json(new { item = plan.Keys.Select(k => new { id = k, type = "API_KEY", name = k }) });
        });
        app.MapPost("/usageplans/{planId}/keys", AddPlanKeyAsync);
        app.MapDelete("/usageplans/{planId}/keys/{keyId}", async (string planId, string keyId, IDefinitionStore store, CancellationToken ct) =>
        {
            try
            {
                return await Service(store).RemoveFromPlanAsync(planId, keyId, ct)
                    ? Results.StatusCode(StatusCodes.Status202Accepted)
                    : Message(StatusCodes.Status404NotFound, "Invalid Usage Plan Key identifier specified");
            }
            catch (KeyNotFoundException)
            {
                return PlanNotFound();
            }
        });
    }

    private static ApiKeyService Service(IDefinitionStore store) => new(store, TimeProvider.System);

    private static async Task<IResult> CreateAsync(HttpRequest request, IDefinitionStore store, CancellationToken ct)
    {
        if (await ReadJsonAsync(request, ct) is not { } body)
        {
            return Message(StatusCodes.Status400BadRequest, "the body must be a JSON object (at most 64 KB)");
        }

        if (!TryString(body, "name", out var name) || name is null
            || !TryString(body, "value", out var value)
            || !TryString(body, "description", out var description)
            || !TryString(body, "customerId", out var customerId)
            || !TryBool(body, "enabled", true, out var enabled)
            || !TryStrings(body, "usagePlans", out var plans))
        {
            return Message(StatusCodes.Status400BadRequest, "expected {\"name\": string, \"value\"?: string, \"description\"?: string, \"customerId\"?: string, \"enabled\"?: bool, \"usagePlans\"?: [string]}");
        }

        try
        {
            var (key, secret) = await Service(store).CreateAsync(new ApiKeyCreateRequest
            {
                Name = name,
                Value = value,
                Enabled = enabled,
                Description = description,
                CustomerId = customerId,
                UsagePlans = plans,
            }, ct);
            var record = await store.GetUsagePlansAsync(ct);
            return Results.Json(Describe(key, record, secret), statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException ex)
        {
            return Message(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return Message(StatusCodes.Status404NotFound, ex.Message);
        }
        catch (StoreConflictException ex)
        {
            return Message(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    /// <summary>UpdateApiKey: <c>{"patchOperations": [{"op": "replace", "path": "/enabled", "value": "false"}]}</c>.</summary>
    private static async Task<IResult> UpdateAsync(string keyId, HttpRequest request, IDefinitionStore store, CancellationToken ct)
    {
        if (await ReadJsonAsync(request, ct) is not { } body
            || !body.TryGetProperty("patchOperations", out var operations)
            || operations.ValueKind != JsonValueKind.Array)
        {
            return Message(StatusCodes.Status400BadRequest, "expected {\"patchOperations\": [{\"op\": \"replace\", \"path\": \"/enabled\", \"value\": \"true|false\"}]}");
        }

        bool? enabled = null;
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.Object
                || !TryString(operation, "op", out var op) || op != "replace"
                || !TryString(operation, "path", out var path) || path != "/enabled"
                || !operation.TryGetProperty("value", out var value))
            {
                return Message(StatusCodes.Status400BadRequest, "only {\"op\": \"replace\", \"path\": \"/enabled\"} is supported");
            }

            enabled = value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
                _ => null,
            };
            if (enabled is null)
            {
                return Message(StatusCodes.Status400BadRequest, "/enabled takes \"true\" or \"false\"");
            }
        }

        if (enabled is not { } wanted)
        {
            return Message(StatusCodes.Status400BadRequest, "patchOperations is empty");
        }

        var key = await Service(store).SetEnabledAsync(keyId, wanted, ct);
        return key is null ? KeyNotFound() : Results.Json(Describe(key, await store.GetUsagePlansAsync(ct)));
    }

    /// <summary>CreateUsagePlanKey: <c>{"keyId": "...", "keyType": "API_KEY"}</c>.</summary>
    private static async Task<IResult> AddPlanKeyAsync(string planId, HttpRequest request, IDefinitionStore store, CancellationToken ct)
    {
        if (await ReadJsonAsync(request, ct) is not { } body
            || !TryString(body, "keyId", out var keyId) || keyId is null
            || !TryString(body, "keyType", out var keyType) || (keyType is not null and not "API_KEY"))
        {
            return Message(StatusCodes.Status400BadRequest, "expected {\"keyId\": string, \"keyType\": \"API_KEY\"}");
        }

        try
        {
            await Service(store).AddToPlanAsync(planId, keyId, ct);
            return Results.Json(new { id = keyId, type = "API_KEY", name = keyId }, statusCode: StatusCodes.Status201Created);
        }
        catch (KeyNotFoundException ex)
        {
            return Message(StatusCodes.Status404NotFound, ex.Message);
        }
        catch (StoreConflictException ex)
        {
            return Message(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    /// <summary>AWS's ApiKey shape (v1 timestamps are epoch seconds); <c>value</c> only when just created.</summary>
    private static Dictionary<string, object?> Describe(ApiKeyRecord key, UsagePlansRecord record, string? value = null)
    {
        var shape = new Dictionary<string, object?>
        {
            ["id"] = key.Name,
            ["name"] = key.Name,
            ["enabled"] = key.Enabled,
            ["customerId"] = key.CustomerId,
            ["description"] = key.Description,
            ["createdDate"] = key.CreatedAt?.ToUnixTimeSeconds(),
            ["source"] = key.Managed ? "api" : "config",
            ["usagePlans"] = ApiKeyService.PlansOf(record, key.Name),
        };
        if (value is not null)
        {
            shape["value"] = value;
        }

        return shape;
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An optional string member: absent or null gives null; any other kind is a bad request.</summary>
    private static bool TryString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }

    private static bool TryBool(JsonElement body, string name, bool fallback, out bool value)
    {
        value = fallback;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }

        return false;
    }

    private static bool TryStrings(JsonElement body, string name, out IReadOnlyList<string> values)
    {
        values = [];
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        values = [.. element.EnumerateArray().Select(e => e.GetString()!)];
        return true;
    }

    private static IResult KeyNotFound() => Message(StatusCodes.Status404NotFound, "Invalid API Key identifier specified");

    private static IResult PlanNotFound() => Message(StatusCodes.Status404NotFound, "Invalid Usage Plan ID specified");

    private static IResult Message(int status, string message) => Results.Json(new { message }, statusCode: status);
}
