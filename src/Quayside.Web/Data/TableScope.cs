using Microsoft.EntityFrameworkCore;

namespace Quayside.Web.Data;

/// <summary>
/// Runs work on a DbContext of its own, making the table first, once per process: EnsureCreated adds no table to a
/// database made by an older version, so each store also runs its table's CREATE ... IF NOT EXISTS, and adds the
/// columns that came later (<paramref name="addedColumns"/>, ALTER TABLE ... ADD COLUMN) where they are missing.
/// </summary>
public sealed class TableScope(IServiceScopeFactory scopes, string createTableSql, params AddedColumn[] addedColumns)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _ready;

    public async Task<T> UseAsync<T>(Func<QuaysideDb, Task<T>> work, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuaysideDb>();
        if (!Volatile.Read(ref _ready))
        {
            await _lock.WaitAsync(ct);
            try
            {
                if (!_ready)
                {
                    await db.Database.EnsureCreatedAsync(ct);
                    await db.Database.ExecuteSqlRawAsync(createTableSql, ct);
                    foreach (var column in addedColumns)
                        await AddColumnAsync(db, column, ct);
                    Volatile.Write(ref _ready, true);
                }
            }
            finally
            {
                _lock.Release();
            }
        }
        return await work(db);
    }

    private static async Task AddColumnAsync(QuaysideDb db, AddedColumn column, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{column.Table}') WHERE name = '{column.Name}'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct)) > 0)
                return;
            await using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE \"{column.Table}\" ADD COLUMN \"{column.Name}\" {column.Type}";
            await alter.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>A column added to a table after its first release (names are the code's own constants, never input).</summary>
public sealed record AddedColumn(string Table, string Name, string Type);
