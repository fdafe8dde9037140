using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// QUAYSIDE_ADMIN_PASSWORD_FILE keeps the first password out of the process's environment (and so out of
/// `docker inspect`); the file is deleted once the administrator exists, so nothing is left behind.
/// </summary>
public sealed class AdminPasswordFileTests : IDisposable
{
    private const string Password = "file-password-for-admin";
    private readonly string _file = Path.Combine(Path.GetTempPath(), "qt-admin-password-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_password_from_a_file_creates_admin_and_the_file_is_gone_afterwards()
    {
        File.WriteAllText(_file, Password + "\n"); // as `echo` writes it
        await using var app = new QuaysideFactory(adminPassword: null);
        await using var withFile = app.WithWebHostBuilder(b => b.UseSetting("QUAYSIDE_ADMIN_PASSWORD_FILE", _file));
        var client = withFile.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var login = await QuaysideFactory.PostLoginAsync(client, "admin", Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.ToString());
        Assert.False(File.Exists(_file), "the password file is still there");
    }

    [Fact]
    public async Task A_password_file_beside_the_password_variable_is_refused_with_a_sentence()
    {
        File.WriteAllText(_file, "another-password-entirely");
        await using var app = new QuaysideFactory();
        await using var withBoth = app.WithWebHostBuilder(b => b.UseSetting("QUAYSIDE_ADMIN_PASSWORD_FILE", _file));

        var e = Assert.Throws<InvalidOperationException>(() => withBoth.CreateClient());
        Assert.Contains("Both QUAYSIDE_ADMIN_PASSWORD and QUAYSIDE_ADMIN_PASSWORD_FILE are set; set only one of them", e.Message);
        Assert.True(File.Exists(_file), "a refused file is not deleted");
    }
}
