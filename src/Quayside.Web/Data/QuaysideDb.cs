using Microsoft.EntityFrameworkCore;

namespace Quayside.Web.Data;

public sealed class QuaysideDb(DbContextOptions<QuaysideDb> options) : DbContext(options)
{
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<SavedRegistry> Registries => Set<SavedRegistry>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<SavedHost> Hosts => Set<SavedHost>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<UserAccount>().HasIndex(u => u.UserName).IsUnique();
        model.Entity<SavedRegistry>().HasIndex(r => r.Address).IsUnique();
        model.Entity<UserSession>().ToTable("Sessions").HasIndex(s => s.UserName);
        model.Entity<SavedHost>().ToTable("Hosts").HasIndex(h => h.Name).IsUnique();
    }
}

public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}
