using System.Text.Json;
using Lakegate.Core.Iam;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lakegate.Gateway.Admin;

/// <summary>
/// Admin endpoints for secrets and access keys. Values go in, metadata comes out: no endpoint ever
/// returns a secret value, and an access key's secret is returned once, in the response that creates it.
/// Without a master key, writes answer 503 with the reason.
/// </summary>
public static class AdminSecretEndpoints
{
    private const int MaxSecretBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/secrets", async (SecretVault vault, CancellationToken ct) =>
            Results.Json((await vault.Store.ListSecretsAsync(ct)).Select(SecretMetadata.From)));

        app.MapGet("/secrets/{**name}", async (string name, SecretVault vault, CancellationToken ct) =>
            await vault.Store.DescribeSecretAsync(name, ct) is { } record
                ? Results.Json(SecretMetadata.From(record))
                : NotFound($"Secrets Manager can't find the specified secret: {name}"));

        app.MapPut("/secrets/{**name}", PutSecretAsync);

        app.MapDelete("/secrets/{**name}", async (string name, SecretVault vault, CancellationToken ct) =>
            await vault.Store.DeleteSecretAsync(name, ct) ? Results.NoContent() : NotFound($"Secrets Manager can't find the specified secret: {name}"));

        app.MapGet("/access-keys", async (SecretVault vault, CancellationToken ct) =>
            Results.Json((await vault.Store.ListAccessKeysAsync(ct)).Select(AccessKeyMetadata.From)));

        app.MapPost("/access-keys", CreateAccessKeyAsync);

        app.MapPost("/access-keys/{id}/enable", (string id, SecretVault vault, CancellationToken ct) => SetEnabledAsync(id, true, vault, ct));
        app.MapPost("/access-keys/{id}/disable", (string id, SecretVault vault, CancellationToken ct) => SetEnabledAsync(id, false, vault, ct));

        app.MapDelete("/access-keys/{id}", async (string id, SecretVault vault, CancellationToken ct) =>
            await vault.Store.DeleteAccessKeyAsync(id, ct) ? Results.NoContent() : NotFound($"The Access Key with id {id} cannot be found."));
    }

    /// <summary><c>PUT /secrets/{name}</c> with <c>{"value": "...", "description": "..."}</c>: creates or rotates; answers metadata only.</summary>
    private static async Task<IResult> PutSecretAsync(string name, HttpRequest request, SecretVault vault, CancellationToken ct)
    {
        if (!vault.HasMasterKey)
        {
            return Unavailable();
        }

        using var body = await ReadJsonAsync(request, ct);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object
            || !body.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return BadRequest("expected a JSON object {\"value\": \"...\", \"description\": \"...\"} of at most 64 KB");
        }

        var description = body.RootElement.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        try
        {
            var record = await vault.PutAsync(name, value.GetString()!, description, ct);
            return Results.Json(SecretMetadata.From(record));
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>
    /// <c>POST /access-keys</c> with <c>{"userName": "...", "accountId": "...", "policies": [{IAM policy}, ...]}</c>:
    /// 201 with the secret access key, shown this once.
    /// </summary>
    private static async Task<IResult> CreateAccessKeyAsync(HttpRequest request, SecretVault vault, CancellationToken ct)
    {
        if (!vault.HasMasterKey)
        {
            return Unavailable();
        }

        using var body = await ReadJsonAsync(request, ct);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object
            || !body.RootElement.TryGetProperty("userName", out var user) || user.ValueKind != JsonValueKind.String)
        {
            return BadRequest("expected a JSON object {\"userName\": \"...\", \"accountId\": \"...\", \"policies\": [...]}");
        }

        var account = body.RootElement.TryGetProperty("accountId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : DeploymentModel.AccountId;
        var policies = new List<string>();
        if (body.RootElement.TryGetProperty("policies", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return BadRequest("policies: expected an array of IAM policy documents");
            }

            var errors = new List<string>();
            foreach (var policy in list.EnumerateArray())
            {
                if (IamPolicy.Parse(policy, errors) is not null)
                {
                    policies.Add(policy.ValueKind == JsonValueKind.String ? policy.GetString()! : policy.GetRawText());
                }
            }

            if (errors.Count > 0)
            {
                return BadRequest(string.Join("; ", errors));
            }
        }

        try
        {
            var (key, secret) = await vault.CreateAccessKeyAsync(user.GetString()!, account, policies, ct);
            return Results.Json(
                new { accessKeyId = key.AccessKeyId, secretAccessKey = secret, userName = key.UserName, userArn = key.UserArn, status = "Active" },
                statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static async Task<IResult> SetEnabledAsync(string id, bool enabled, SecretVault vault, CancellationToken ct) =>
        await vault.Store.SetAccessKeyEnabledAsync(id, enabled, ct)
            ? Results.Json(new { accessKeyId = id, status = enabled ? "Active" : "Inactive" })
            : NotFound($"The Access Key with id {id} cannot be found.");

    private static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxSecretBytes)
        {
            return null;
        }

        var buffer = new byte[MaxSecretBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read > MaxSecretBytes)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.AsMemory(0, read));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadRequest(string message) => Results.Json(new { message }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string message) => Results.Json(new { message }, statusCode: StatusCodes.Status404NotFound);

    private static IResult Unavailable() => Results.Json(new { message = MasterKey.Missing }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
