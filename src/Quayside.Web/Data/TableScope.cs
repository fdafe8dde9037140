using Microsoft.EntityFrameworkCore;

namespace Quayside.Web.Data;

/// <summary>
/// Runs work on a DbContext of its own, making the table first, once per process: EnsureCreated adds no table to a
/// database made by an older version, so each store also runs its table's CREATE ... IF NOT EXISTS, and adds the
/// columns that came later (<paramref name="addedColumns"/>, ALTER TABLE ... ADD COLUMN) where they are missing.
/// </summary>
public sealed class TableScope(IServiceScopeFactory scopes, string createTableSql, params string[] addedColumns)
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

    private static async Task AddColumnAsync(QuaysideDb db, string alterSql, CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(alterSql, ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.Message.Contains("duplicate column name", StringComparison.OrdinalIgnoreCase))
        {
        }
    }
}
