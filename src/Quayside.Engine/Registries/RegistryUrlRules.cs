namespace Quayside.Engine.Registries;

/// <summary>
/// Which addresses a registry's answers may send Quayside to, and where the saved credentials may go. A registry names
/// addresses itself (the next-page Link, the Bearer realm); a hostile or compromised one could name another host to
/// collect the saved password, or an internal address to reach it from the Quayside server.
/// </summary>
public static class RegistryUrlRules
{
    /// <summary>True when both addresses have the same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme.Equals(b.Scheme, StringComparison.OrdinalIgnoreCase)
        && a.IdnHost.Equals(b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>The next page to ask for, from a Link header on the answer to <paramref name="current"/>; refused unless it is on the registry's own address.</summary>
    public static Uri NextPage(Uri registry, Uri current, string link)
    {
        if (!Uri.TryCreate(current, link, out var next) || next.Scheme is not ("http" or "https"))
            throw new RegistryException($"The registry {registry.Authority} sent a next-page link Quayside cannot read ({link}); the list stops here. Check the registry's configuration.");
        if (!SameOrigin(registry, next))
            throw new RegistryException($"The registry {registry.Authority} sent a next-page link to {Elsewhere(registry, next)}; " +
                "Quayside follows only links on the registry's own address. If the registry sits behind a proxy, set its public address " +
                "(http.host in the registry's configuration) to the one Quayside uses.");
        return next;
    }

    /// <summary>
    /// The token service address of a Bearer challenge, checked: https, or plain http only between addresses on this
    /// machine; and the saved credentials go over plain http only to the registry's own address.
    /// </summary>
    public static Uri TokenService(Uri registry, string realm, bool withCredentials)
    {
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https"))
            throw new RegistryException($"The registry {registry.Authority} names a token service Quayside cannot use ({realm}); it must be an https address. Check the registry's token (auth) configuration.");
        if (service.Scheme == "https")
            return service;
        if (!registry.IsLoopback || !service.IsLoopback)
            throw new RegistryException($"The registry {registry.Authority} sends Quayside for a token to {service.Authority} over plain http; " +
                "Quayside asks for tokens only over https, unless the registry and its token service both run on this machine. Serve the token service over https.");
        if (withCredentials && !SameOrigin(registry, service))
            throw new RegistryException($"The registry {registry.Authority} sends Quayside for a token to {Elsewhere(registry, service)} over plain http; " +
                "Quayside sends the saved credentials over plain http only to the registry's own address. Serve the token service over https or on the registry's address.");
        return service;
    }

    /// <summary>Refuses a Basic login over plain http to a registry that is not on this machine: anyone on the way could read the password.</summary>
    public static void CheckBasic(Uri registry)
    {
        if (registry.Scheme != "https" && !registry.IsLoopback)
            throw new RegistryException($"The registry {registry.Authority} asks for the saved password over plain http, where anyone on the network could read it; " +
                "Quayside sends credentials over plain http only to a registry on this machine. Serve the registry over https.");
    }

    private static string Elsewhere(Uri registry, Uri other) =>
        !registry.IdnHost.Equals(other.IdnHost, StringComparison.OrdinalIgnoreCase) ? $"another host ({other.Host})"
        : registry.Port != other.Port ? $"another port ({other.Authority})"
        : $"another scheme ({other.Scheme}://{other.Authority})";
}
