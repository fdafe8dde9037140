using Microsoft.EntityFrameworkCore;
using Quayside.Web.Data;

namespace Quayside.Web.Auth;

/// <summary>
/// At start-up: creates the database, then makes sure an administrator can exist without a default password:
/// from QUAYSIDE_ADMIN_PASSWORD or the file QUAYSIDE_ADMIN_PASSWORD_FILE names if set, else by printing a one-time
/// setup token. The file is deleted once the administrator exists, so the password does not stay on disk.
/// </summary>
public static class AdminBootstrap
{
    public const string AdminUserName = "admin";
    public const string PasswordVariable = "QUAYSIDE_ADMIN_PASSWORD";
    public const string PasswordFileVariable = "QUAYSIDE_ADMIN_PASSWORD_FILE";

    public static async Task RunAsync(IServiceProvider services, IConfiguration config, TextWriter console, string setupUrl)
    {
        var fromVariable = config[PasswordVariable] is { Length: > 0 } p ? p : null;
        var file = config[PasswordFileVariable] is { Length: > 0 } f ? f : null;
        if (fromVariable is not null && file is not null)
            throw new InvalidOperationException($"Both {PasswordVariable} and {PasswordFileVariable} are set; set only one of them (the file keeps the password out of the process's environment).");

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuaysideDb>();
        await db.Database.EnsureCreatedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        if (await users.AnyAsync())
        {
            if (file is not null && File.Exists(file))
                Delete(file, console, "an administrator exists already, so it was not used");
            return;
        }

        if ((fromVariable ?? ReadPasswordFile(file)) is { } password)
        {
            var source = fromVariable is not null ? PasswordVariable : $"{PasswordFileVariable} ({file})";
            if (AccountRules.Password(password) is { } problem)
                throw new InvalidOperationException($"The password in {source} is too weak: {problem}");
            await users.CreateAsync(AdminUserName, password);
            console.WriteLine($"Created the administrator account '{AdminUserName}' from {source}.");
            if (file is not null)
                Delete(file, console, "the administrator exists now");
            return;
        }

        var token = services.GetRequiredService<SetupState>().Begin();
        console.WriteLine($"No administrator exists yet. Open {setupUrl} and enter this one-time token:");
        console.WriteLine($"Setup token: {token}");
    }

    /// <summary>The file's text without one trailing line break (as `echo` leaves it); null without a file.</summary>
    private static string? ReadPasswordFile(string? file)
    {
        if (file is null)
            return null;
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{PasswordFileVariable} names {file}, which cannot be read ({e.Message}). Give a file readable by Quayside's user that holds the administrator's password, or unset {PasswordFileVariable} to get a setup token.", e);
        }
        return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
    }

    private static void Delete(string file, TextWriter console, string why)
    {
        try
        {
            File.Delete(file);
            console.WriteLine($"Deleted the password file {file}: {why}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.WriteLine($"WARNING: could not delete the password file {file} ({e.Message}); {why}, so delete it yourself.");
        }
    }
}
