using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Web.Registries;

namespace Quayside.Web.Tests.Registries;

public sealed class RegistryStoreTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    private string DbPath => Path.Combine(_app.DataDirectory, "quayside.db");

    [Fact]
    public async Task Secrets_are_stored_encrypted_and_come_back_only_as_credentials()
    {
        var store = _app.Services.GetRequiredService<RegistryStore>();
        await store.SaveAsync("localhost:5001", "quayside-lab", "very-secret-password");

        var entry = Assert.Single(await store.ListAsync(), r => r.Address == "localhost:5001");
        Assert.True(entry.HasSecret);
        Assert.Equal("very-secret-password", (await store.FindAsync("localhost:5001", CancellationToken.None))!.Secret);
        Assert.DoesNotContain("very-secret", (await store.FindAsync("localhost:5001", CancellationToken.None))!.ToString());

        await using var db = new SqliteConnection($"Data Source={DbPath}");
        await db.OpenAsync();
        var command = db.CreateCommand();
        command.CommandText = "SELECT ProtectedSecret FROM Registries WHERE Address = 'localhost:5001'";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("very-secret", stored);
        Assert.True(stored.Length > 40);
    }

    [Fact]
    public async Task A_database_from_an_older_version_gets_the_registries_table()
    {
        // The foundation's schema: only Users. EnsureCreated leaves an existing database as it is.
        Directory.CreateDirectory(_app.DataDirectory);
        await using (var db = new SqliteConnection($"Data Source={DbPath}"))
        {
            await db.OpenAsync();
            var create = db.CreateCommand();
            create.CommandText = """
                CREATE TABLE "Users" ("Id" INTEGER NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY AUTOINCREMENT,
                    "UserName" TEXT NOT NULL, "PasswordHash" TEXT NOT NULL, "CreatedUtc" TEXT NOT NULL);
                CREATE UNIQUE INDEX "IX_Users_UserName" ON "Users" ("UserName");
                """;
            await create.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var store = _app.Services.GetRequiredService<RegistryStore>();
        await store.SaveAsync("localhost:5000", null, null);
        Assert.Equal("localhost:5000", Assert.Single(await store.ListAsync()).Address);
    }

    [Theory]
    [InlineData("http://localhost:5000/", "localhost:5000")]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("Registry.Example.com", "registry.example.com")]
    public void Addresses_are_normalised(string typed, string expected) =>
        Assert.Equal(expected, RegistryAddress.Normalize(typed, out _));

    [Fact]
    public void A_bad_address_says_what_is_accepted()
    {
        Assert.Null(RegistryAddress.Normalize("not a host", out var problem));
        Assert.Contains("host[:port]", problem);
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _app.DisposeAsync();
    }
}
