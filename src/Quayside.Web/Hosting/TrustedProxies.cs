using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Quayside.Web.Hosting;

/// <summary>
/// QUAYSIDE_TRUSTED_PROXIES: addresses or CIDR ranges of reverse proxies. Only a request arriving from one of them has its
/// X-Forwarded-For (the client address, which the login throttle counts) and X-Forwarded-Proto believed; anyone else could
/// write those headers to dodge the throttle.
/// </summary>
public sealed record TrustedProxies(IReadOnlyList<IPNetwork> Networks)
{
    public const string Setting = "QUAYSIDE_TRUSTED_PROXIES";
    public static readonly TrustedProxies None = new([]);

    public static TrustedProxies Parse(string? text)
    {
        var networks = new List<IPNetwork>();
        foreach (var item in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out var network))
                networks.Add(network);
            else if (IPAddress.TryParse(item, out var address))
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else
                throw new InvalidOperationException($"{Setting} has '{item}', which is neither an IP address nor a CIDR range such as 10.0.0.0/24.");
        }
        return new TrustedProxies(networks);
    }
}

public static class TrustedProxiesExtensions
{
    /// <summary>Believes forwarded headers from the listed proxies only; with none listed, nobody's.</summary>
    public static void UseTrustedProxies(this WebApplication app, TrustedProxies proxies)
    {
        if (proxies.Networks.Count == 0)
            return;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in proxies.Networks)
            options.KnownIPNetworks.Add(network);
        app.UseForwardedHeaders(options);
    }
}
