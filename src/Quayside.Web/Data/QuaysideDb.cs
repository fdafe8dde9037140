using Microsoft.EntityFrameworkCore;

namespace Quayside.Web.Data;

public sealed class QuaysideDb(DbContextOptions<QuaysideDb> options) : DbContext(options)
{
    public DbSet<UserAccount> Users => Set<UserAccount>();

    protected override void OnModelCreating(ModelBuilder model) =>
        model.Entity<UserAccount>().HasIndex(u => u.UserName).IsUnique();
}

public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}
