namespace Quayside.Web.Data;

/// <summary>An engine the user added: its address, and its TLS material or SSH key encrypted with Data Protection.</summary>
public sealed class SavedHost
{
    public int Id { get; set; }
    /// <summary>The name in URLs (/hosts/{name}/...): lower-case letters, digits and dashes.</summary>
    public required string Name { get; set; }
    /// <summary>unix:///path, tcp://host:port or ssh://user@host[:port].</summary>
    public required string Address { get; set; }
    /// <summary>The docker context it was imported from, which its CLI lines name.</summary>
    public string? ContextName { get; set; }
    /// <summary>The CA, client certificate and key as one encrypted JSON document.</summary>
    public string? ProtectedTls { get; set; }
    public string? ProtectedSshKey { get; set; }
    public string? ProtectedSshPassphrase { get; set; }
    /// <summary>The public half of the SSH key, shown to put in authorized_keys.</summary>
    public string? SshPublicKey { get; set; }
    /// <summary>SHA-256 fingerprint of the host key the user confirmed; not a secret.</summary>
    public string? SshHostKey { get; set; }
    /// <summary>The API version every request names (DOCKER_API_VERSION), for an engine that must be spoken to at an older one.</summary>
    public string? ApiVersion { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Columns added since the table was first made, for databases made before them.</summary>
    internal static readonly AddedColumn[] AddedColumns = [new("Hosts", "ApiVersion", "TEXT NULL")];

    internal const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS "Hosts" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_Hosts" PRIMARY KEY AUTOINCREMENT,
            "Name" TEXT NOT NULL,
            "Address" TEXT NOT NULL,
            "ContextName" TEXT NULL,
            "ProtectedTls" TEXT NULL,
            "ProtectedSshKey" TEXT NULL,
            "ProtectedSshPassphrase" TEXT NULL,
            "SshPublicKey" TEXT NULL,
            "SshHostKey" TEXT NULL,
            "ApiVersion" TEXT NULL,
            "CreatedUtc" TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS "IX_Hosts_Name" ON "Hosts" ("Name");
        """;
}
