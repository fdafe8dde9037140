using Quayside.Engine.Registries;

namespace Quayside.Web.Registries;

/// <summary>Finds the saved credentials for a registry host (docker.io for Docker Hub), or null.</summary>
public interface IRegistryCredentials
{
    Task<RegistryAuth?> FindAsync(string registry, CancellationToken ct);
}
