using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.FluentUI.AspNetCore.Components;
using Quayside.Web.Auth;
using Quayside.Web.Auth.Sessions;
using Quayside.Web.Build;
using Quayside.Web.Components;
using Quayside.Web.Consoles;
using Quayside.Web.Containers;
using Quayside.Web.CreateContainer;
using Quayside.Web.Data;
using Quayside.Web.DockerSystem;
using Quayside.Web.Events;
using Quayside.Web.Files;
using Quayside.Web.Hosting;
using Quayside.Web.Hosts;
using Quayside.Web.ImageArchives;
using Quayside.Web.Images;
using Quayside.Web.Inspect;
using Quayside.Web.Logs;
using Quayside.Web.Networks;
using Quayside.Web.Pulls;
using Quayside.Web.Registries;
using Quayside.Web.Stacks;
using Quayside.Web.Stats;
using Quayside.Web.Volumes;

HealthProbe.ExitIfRequested(args);
var builder = WebApplication.CreateBuilder(args);
var settings = QuaysideSettings.Resolve(builder.Configuration);
builder.WebHost.UseUrls(settings.Urls);
// Serve the static web assets from the build output also outside Development (a published app has them in wwwroot).
builder.WebHost.UseStaticWebAssets();
DataDirectory.Prepare(settings.DataDirectory);
builder.WebHost.UseQuaysideTls(settings);

builder.Services.AddSingleton(settings);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddFluentUIComponents();
builder.Services.AddOpenApi();
builder.Services.AddDbContext<QuaysideDb>(o => o.UseSqlite($"Data Source={Path.Combine(settings.DataDirectory, "quayside.db")}"));
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
builder.Services.AddQuaysideAuth(settings);
builder.Services.AddEngine();

builder.Services
    .AddContainers()
    .AddInspect()
    .AddStats()
    .AddLogs()
    .AddConsoles(builder.Configuration)
    .AddFiles()
    .AddCreateContainer()
    .AddImages()
    .AddBuild()
    .AddImageArchives()
    .AddPulls()
    .AddRegistries()
    .AddVolumes()
    .AddNetworks()
    .AddDockerSystem()
    .AddStacks()
    .AddHosts();

var app = builder.Build();

foreach (var warning in settings.ExposureWarnings())
    Console.WriteLine(warning);
await AdminBootstrap.RunAsync(app.Services, app.Configuration, Console.Out, settings.OpenUrl + "/setup");
await app.Services.GetRequiredService<SessionStore>().LoadAsync();
DataDirectory.Tighten(settings.DataDirectory); // the database AdminBootstrap may just have created
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Quayside is running: open {settings.OpenUrl} (data in {settings.DataDirectory})."));

app.UseTrustedProxies(settings.TrustedProxies);
app.UseMiddleware<HostGuard>();
app.UseMiddleware<SecurityHeaders>();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/error", createScopeForErrors: true);
// Friendly status pages for people; APIs, streams and the circuit keep their bare status codes (401 stays 401).
app.UseWhen(ctx => !AuthSetup.IsMachinePath(ctx.Request.Path),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseMiddleware<OriginCheckMiddleware>();
app.UseQuaysideAuth();

app.MapStaticAssets().AllowAnonymous();
app.MapGet("/health", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
app.MapOpenApi();
app.MapAuthEndpoints();
app
    .MapContainers()
    .MapInspect()
    .MapStats()
    .MapLogs()
    .MapConsoles()
    .MapFiles()
    .MapCreateContainer()
    .MapImages()
    .MapBuild()
    .MapImageArchives()
    .MapPulls()
    .MapVolumes()
    .MapNetworks()
    .MapEvents()
    .MapDockerSystem()
    .MapStacks()
    .MapHosts();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
