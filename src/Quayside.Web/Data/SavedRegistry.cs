namespace Quayside.Web.Data;

/// <summary>A registry the user added: its address and, optionally, credentials whose secret is Data-Protection encrypted.</summary>
public sealed class SavedRegistry
{
    public int Id { get; set; }
    /// <summary>host[:port], or docker.io for Docker Hub.</summary>
    public required string Address { get; set; }
    public string? Username { get; set; }
    public string? ProtectedSecret { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>
    /// EnsureCreated adds no table to a database made by an older version, so this runs once per process before the
    /// first use; it matches what EnsureCreated makes on a fresh database.
    /// </summary>
    internal const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS "Registries" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Registries" PRIMARY KEY AUTOINCREMENT,
            "Address" TEXT NOT NULL,
            "Username" TEXT NULL,
            "ProtectedSecret" TEXT NULL,
            "CreatedUtc" TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS "IX_Registries_Address" ON "Registries" ("Address");
        """;
}
