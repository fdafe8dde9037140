using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.FluentUI.AspNetCore.Components;
using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Web.Api;
using Quayside.Web.Auth;
using Quayside.Web.Auth.Sessions;
using Quayside.Web.Components;
using Quayside.Web.Components.Pages.Terminal;
using Quayside.Web.Components.Pages.ContainerDetail.Update;
using Quayside.Web.Components.Pages.CreateContainer;
using Quayside.Web.Data;
using Quayside.Web.Hosting;
using Quayside.Web.Logs;
using Quayside.Web.Transfer;
using Quayside.Web.Pulls;

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
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Quayside.Web.Components.Shared.StatusClock>();
builder.Services.AddQuaysideAuth(settings);

builder.Services.AddSingleton(_ => new EngineClient(EngineEndpoint.FromEnvironment()));
builder.Services.AddSingleton<HostModel>();
builder.Services.AddSingleton<ContainerActions>();
builder.Services.AddSingleton(SelfContainer.Detect());
builder.Services.AddSingleton<ImageActions>();
builder.Services.AddHostResources();
builder.Services.AddContainerInsight();
builder.Services.AddHostedService<HostModelRunner>();
builder.Services.AddLogs();
builder.Services.AddConsole(builder.Configuration);
builder.Services.AddImageAndFileTransfer();
builder.Services.AddCreateContainer();
builder.Services.AddContainerUpdateAndWait();
builder.Services.AddPullsAndRegistries();

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
var api = app.MapGroup("/api").AddEndpointFilter<AntiforgeryFilter>().AddEndpointFilter<InvalidEngineNameFilter>();
api.MapEngineApi();
api.MapContainersApi();
api.MapImagesApi();
api.MapHostResourcesApi();
api.MapInsightApi();
app.MapLogs();
app.MapConsole();
api.MapImageAndFileTransfer();
api.MapPullsApi();
api.MapCreateContainerApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
