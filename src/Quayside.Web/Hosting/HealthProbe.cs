namespace Quayside.Web.Hosting;

/// <summary>
/// <c>Quayside.Web --health-check</c>: asks the running instance's /health and exits 0 (healthy) or 1. The container
/// image's HEALTHCHECK uses it because its base image has neither curl nor wget.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--health-check";

    public static void ExitIfRequested(string[] args)
    {
        if (!args.Contains(Argument))
            return;
        var config = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args.Where(a => a != Argument).ToArray()).Build();
        var url = QuaysideSettings.Resolve(config).OpenUrl + "/health";
        Environment.Exit(Check(url) ? 0 : 1);
    }

    private static bool Check(string url)
    {
        // The probe talks to this same instance over loopback; its certificate may be self-signed.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, url));
            // The user shows in `docker inspect`'s health log: the probe runs as the app's user, not as root.
            Console.WriteLine($"{url}: {(int)response.StatusCode} (asked as user {Environment.UserName})");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e)
        {
            Console.WriteLine($"{url}: {e.GetBaseException().Message} (asked as user {Environment.UserName})");
            return false;
        }
    }
}
