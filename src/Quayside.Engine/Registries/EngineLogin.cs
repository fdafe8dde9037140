using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Registries;

/// <summary>"Test login" through the engine (POST /auth, as <c>docker login</c> checks credentials).</summary>
public sealed class EngineLogin(EngineClient client)
{
    /// <summary>Returns the engine's status ("Login Succeeded"); throws <see cref="RegistryException"/> in words on refusal.</summary>
    public async Task<string> CheckAsync(RegistryAuth auth, CancellationToken ct)
    {
        try
        {
            var (_, body) = await client.SendAsync(HttpMethod.Post, EngineRoutes.Auth(),
                new Dictionary<string, string> { ["username"] = auth.Username, ["password"] = auth.Secret, ["serveraddress"] = auth.ServerAddress },
                ct, TimeSpan.FromSeconds(40));
            return body?["Status"]?.GetValue<string>() ?? "Login Succeeded";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new RegistryException(EngineErrorTranslator.Translate(e, client.Endpoint).ToString(), null, e);
        }
    }
}
