namespace Quayside.Web.Data;

/// <summary>A login kept on the server: the cookie carries only <see cref="Id"/>, and every request is checked against this row.</summary>
public sealed class UserSession
{
    public required string Id { get; set; }
    public required string UserName { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public string? Address { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>As <see cref="SavedRegistry.CreateTableSql"/>: the table for a database made by an older version.</summary>
    internal const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS "Sessions" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
            "UserName" TEXT NOT NULL,
            "CreatedUtc" TEXT NOT NULL,
            "LastSeenUtc" TEXT NOT NULL,
            "Address" TEXT NULL,
            "UserAgent" TEXT NULL);
        CREATE INDEX IF NOT EXISTS "IX_Sessions_UserName" ON "Sessions" ("UserName");
        """;
}
