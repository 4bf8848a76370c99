using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;
using Workflow.Engine;
using Workflow.Engine.Activities;
using Workflow.Engine.Validation;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Audit;
using Workflow.Host.Web.Appointments;
using Workflow.Host.Web.Feedback;
using Workflow.Host.Web.Feeds;
using Workflow.Host.Web.Supervision.Ledger;
using Workflow.Host.Web.Bindings;
using Workflow.Host.Web.Demo;
using Workflow.Host.Web.Departments;
using Workflow.Host.Web.Health;
using Workflow.Host.Web.ElsaApi;
using Workflow.Host.Web.HttpWorkflows;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Problems;
using Workflow.Host.Web.Studio;
using Workflow.Host.Web.Supervision;
using Workflow.Host.Web.Notifications;
using Workflow.Host.Web.Observability;
using Workflow.Host.Web.OpenApi;
using Workflow.Host.Web.Notifications.Delivery;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;
using Workflow.Host.Web.Time;
using Workflow.Host.Web.Public;
using Workflow.Host.Web.Queueing;

namespace Workflow.Host;

/// <summary>
/// The web app: REST API, Elsa-compatible API, Studio and pages. Serves on <c>http://localhost:5080</c> unless
/// <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) says otherwise. Demo data only in Development (<c>--no-demo</c> turns it off) or with <c>--demo</c>.
/// </summary>
public static class WebApp
{
    /// <summary>The address used when none is configured.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Builds the app. <paramref name="configureServices"/> runs before the app's own registrations, so what it
    /// registers wins where the app only adds defaults (e.g. a test's fake <see cref="IClock"/>).
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(DemoOptions.RewriteArguments(args));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var maxBody = RequestBodyLimit.Of(builder.Configuration);
        var maxFileBytes = PermitHosting.MaxFileBytes(builder.Configuration);
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestLineSize = RoutingRejections.KestrelRequestLineLimit;
            // The largest body any endpoint takes; each request is then held to its endpoint's own limit (RequestBodyLimit).
            o.Limits.MaxRequestBodySize = Math.Max(maxBody, RequestBodyLimit.ForUploads(AcceptsUploads.Largest, maxFileBytes));
        });
        var services = builder.Services;
        configureServices?.Invoke(services);
        DemoOptions.Register(services, builder.Configuration);

        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<TimeProvider>(sp => new ClockTimeProvider(sp.GetRequiredService<IClock>()));
        // The engine, the permit domain and the database (Database:Provider, ConnectionStrings:Workflow; default ./data/workflow.db).
        services.AddAppointmentSettings(builder.Configuration); // Appointments:* (docs/appointments.md)
        services.AddPermitHosting(builder.Configuration);
        // Cookies and antiforgery tokens readable by every host of the deployment (key ring in the database).
        Web.DataProtection.DatabaseXmlRepository.AddSharedDataProtection(services);
        services.AddWorkflowProblems();
        services.AddWorkflowTelemetry(builder.Configuration);
        services.AddWorkflowJson(builder.Configuration);
        services.AddWorkflowAccess(builder.Configuration);
        services.AddNotificationDelivery(builder.Configuration); // Notifications:Smtp:* (docs/notifications.md)
        services.AddPublicRateLimit(builder.Configuration); // PublicLookup:PermitPerMinute (docs/public.md)
        services.AddOptions<StudioOptions>().Bind(builder.Configuration.GetSection(StudioOptions.Section));
        services.AddSingleton<StudioBundle>();
        services.AddRequestLocalization(Ui.Configure);
        // Razor would write every Chinese character as an HTML entity; the pages are UTF-8, so write them as they are.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Studio", AccessPolicies.ReadWorkflows);
            o.Conventions.AuthorizeFolder("/Bindings", AccessPolicies.Administer);
            // The forms that post material files (Files:MaxBytes each) take larger bodies than the others.
            o.Conventions.AddPageApplicationModelConvention("/Cases/Case", page => page.EndpointMetadata.Add(AcceptsUploads.One));
            o.Conventions.AddPageApplicationModelConvention("/Projects/Apply", page => page.EndpointMetadata.Add(AcceptsUploads.ApplyForm));
        });

        var app = builder.Build();
        // Settings are checked first, so that a bad one prints one line (RunAsync) instead of the host's "hosting failed
        // to start" log with a stack trace, and before anything touches the database.
        _ = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<JurisdictionOptions>>().Value;
        // Before the first request: the schema, the stage workflows and, on a new database, the demo projects.
        PermitHosting.InitializeAsync(app.Services, app.Configuration).GetAwaiter().GetResult();
        app.UseCorrelationId();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStudioBundle(app.Services.GetRequiredService<StudioBundle>());
        app.UseStaticFiles();
        app.UseChartsLibrary();
        app.UseRequestTargetLimit();
        app.UseRouting();
        app.UseRequestBodyLimit(maxBody, maxFileBytes);
        app.UseAnonymousRoutingRejections();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAuditActor();

        app.MapHealthEndpoints();
        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        app.MapWorkflowTelemetry();
        app.MapAuthEndpoints();
        app.MapDepartmentEndpoints();
        app.MapBindingEndpoints();
        app.MapPermitApi();
        app.MapNotificationApi();
        app.MapAuditEndpoints();
        app.MapLedgerEndpoints();
        app.MapSupervisionApi();
        app.MapFeedbackApi();
        app.MapFeedApi();
        app.MapPublicApi();
        app.MapAppointmentApi(); // docs/appointments.md
        app.MapQueueApi(); // docs/queueing.md
        app.MapElsaApi();
        app.MapHttpWorkflows(app.Configuration);
        app.MapStudioRoutes();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Builds and runs the app until stopped; a configuration error prints one line (to <paramref name="error"/>, default stderr) and exits 1.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? error = null)
    {
        try
        {
            var app = Build(args);
            app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await (error ?? Console.Error).WriteLineAsync("error: the configuration is not valid: " + string.Join(" ", e.Failures));
            return 1;
        }
    }

    private static void PrintBanner(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine($"Workflow is serving: open {string.Join(" or ", addresses)} (Elsa Studio at /studio, API document at /openapi/v1.json).");
        var users = app.Services.GetRequiredService<IUserDirectory>().ListAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine(users.Count == 0
            ? "No demo users (start with --demo to have them)."
            : $"Demo users (password '{DemoUsers.Password}'): {string.Join(", ", users.Select(u => u.UserName))}.");
    }
}
