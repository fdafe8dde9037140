using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Web.Data;
using Quayside.Web.Hosts;

namespace Quayside.Web.Tests.Hosts;

/// <summary>A data folder from before hosts had an API version: its saved hosts are kept, and the new field saves.</summary>
public sealed class OlderDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qt-olddb-").FullName;

    [Fact]
    public async Task A_hosts_table_without_the_API_version_column_keeps_its_hosts_and_takes_a_pinned_version()
    {
        var file = Path.Combine(_folder, "quayside.db");
        await using (var old = new SqliteConnection($"Data Source={file}"))
        {
            await old.OpenAsync();
            var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE "Hosts" ("Id" INTEGER NOT NULL CONSTRAINT "PK_Hosts" PRIMARY KEY AUTOINCREMENT, "Name" TEXT NOT NULL,
                    "Address" TEXT NOT NULL, "ContextName" TEXT NULL, "ProtectedTls" TEXT NULL, "ProtectedSshKey" TEXT NULL,
                    "ProtectedSshPassphrase" TEXT NULL, "SshPublicKey" TEXT NULL, "SshHostKey" TEXT NULL, "CreatedUtc" TEXT NOT NULL);
                INSERT INTO "Hosts" ("Name", "Address", "CreatedUtc") VALUES ('kept', 'unix:///var/run/docker.sock', '2026-11-01 00:00:00');
                """;
            await create.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        await using var services = new ServiceCollection()
            .AddDbContext<QuaysideDb>(o => o.UseSqlite($"Data Source={file}"))
            .BuildServiceProvider();
        var store = new HostStore(services.GetRequiredService<IServiceScopeFactory>(), new EphemeralDataProtectionProvider());

        Assert.Equal(["kept"], (await store.ListAsync()).Select(h => h.Name));
        var (problems, endpoint) = await store.SaveAsync(new HostForm { Name = "kept", Address = "unix:///var/run/docker.sock", ApiVersion = "1.30" }, "kept");
        Assert.Empty(problems);
        Assert.Equal("1.30", endpoint!.ApiVersion.ToString());
        Assert.Equal("1.30", (await store.FindAsync("kept"))!.ApiVersion);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
