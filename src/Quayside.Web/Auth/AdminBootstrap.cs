using Microsoft.EntityFrameworkCore;
using Quayside.Web.Data;

namespace Quayside.Web.Auth;

/// <summary>
/// At start-up: creates the database, then makes sure an administrator can exist without a default password:
/// from QUAYSIDE_ADMIN_PASSWORD if set, else by printing a one-time setup token.
/// </summary>
public static class AdminBootstrap
{
    public const string AdminUserName = "admin";

    public static async Task RunAsync(IServiceProvider services, IConfiguration config, TextWriter console, string setupUrl)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuaysideDb>();
        await db.Database.EnsureCreatedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        if (await users.AnyAsync())
            return;

        if (config["QUAYSIDE_ADMIN_PASSWORD"] is { Length: > 0 } password)
        {
            if (AccountRules.Password(password) is { } problem)
                throw new InvalidOperationException($"QUAYSIDE_ADMIN_PASSWORD is too weak: {problem}");
            await users.CreateAsync(AdminUserName, password);
            console.WriteLine($"Created the administrator account '{AdminUserName}' from QUAYSIDE_ADMIN_PASSWORD.");
            return;
        }

        var token = services.GetRequiredService<SetupState>().Begin();
        console.WriteLine($"No administrator exists yet. Open {setupUrl} and enter this one-time token:");
        console.WriteLine($"Setup token: {token}");
    }
}
