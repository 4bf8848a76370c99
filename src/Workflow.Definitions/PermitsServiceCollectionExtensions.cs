using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Bindings;
using Workflow.Definitions.Calendars;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Queueing;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Timers;
using Workflow.Definitions.Validation;
using Workflow.Engine;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Scheduling;

namespace Workflow.Definitions;

/// <summary>Registers the permit domain on top of the engine.</summary>
public static class PermitsServiceCollectionExtensions
{
    /// <summary>
    /// The engine with the permit activities and the review-chain rule, the sample matter catalogue (unless one is
    /// registered), the calendars (shipped, overridden by the user folder), the permit tables and their projection,
    /// the catalogue bindings (<see cref="WorkflowBindings"/>), one service per desk (projects, applications, steps, materials, clock recompute), and how the engine's scheduler fires the permit timers (<see cref="PermitTimerHandler"/>). Register the database (<c>AddWorkflowSqlite</c>/<c>AddWorkflowPostgreSql</c>) too.
    /// </summary>
    public static IServiceCollection AddPermits(this IServiceCollection services, Action<WorkflowEngineOptions>? configureEngine = null, string? calendarsFolder = null)
    {
        services.AddWorkflowEngine(options =>
        {
            options.AddActivitiesFrom(typeof(PermitActivity).Assembly);
            options.AddValidationRule<ReviewChainRule>();
            options.AddValidationRule<CatalogueReferenceRule>();
            options.AddValidationRule<PrerequisiteOrderRule>();
            options.AddValidationRule<ReviewOutcomeRule>();
            configureEngine?.Invoke(options);
        });
        services.TryAddSingleton(MatterCatalogue.Sample);
        services.TryAddSingleton<CatalogueOptions>();
        services.TryAddSingleton<CalendarRegistry>(_ => ShippedCalendars.CreateRegistry(calendarsFolder));
        services.AddWorkflowPersistenceModule<PermitPersistenceModule>();
        services.AddWorkflowPersistenceModule<Tracking.ListIndexModule>(); // after permits: it indexes their tables
        services.AddWorkflowSaveParticipant<PermitProjection>();
        services.TryAddSingleton<StepLevelBackfill>(); // run at start-up after the migration (docs/supervision.md, "Counting at scale")
        services.AddWorkflowSaveParticipant<CaseNumbers.CaseNumbering>();
        services.TryAddSingleton<CaseNumbers.QueryCodes>();
        services.TryAddSingleton<PublicLookup.PublicCaseLookup>();
        // Electronic certificates (docs/public.md): every issued result gets a verification code in the issuing transaction.
        services.AddWorkflowPersistenceModule<Certificates.CertificatePersistenceModule>();
        services.AddWorkflowSaveParticipant<Certificates.CertificateRegistrar>();
        services.TryAddSingleton<Certificates.CertificateRegister>();
        services.AddWorkflowPersistenceModule<BindingPersistenceModule>();
        // The audit chain (docs/audit.md): registered after the projection, so its entries are the last rows of a save.
        services.AddWorkflowPersistenceModule<Audit.AuditPersistenceModule>();
        services.AddWorkflowSaveParticipant<Audit.CaseAuditParticipant>();
        services.TryAddSingleton<Audit.AuditTrail>();
        services.AddSingleton<IDefinitionChangeParticipant, Audit.DefinitionAuditParticipant>();
        services.TryAddSingleton<Ledger.LedgerQueries>();
        services.TryAddSingleton<BindingCheck>();
        services.TryAddSingleton<WorkflowBindings>();
        services.AddSingleton<IDefinitionDependents, BindingDependents>();
        services.TryAddSingleton<CaseFiles>();
        services.TryAddSingleton<Projects.ProjectRegistry>();
        services.TryAddSingleton<Filing.ApplicationDesk>();
        services.TryAddSingleton<Intake.IntakeWaiverPolicy>();
        services.TryAddSingleton<Steps.StepDesk>();
        services.TryAddSingleton<Materials.MaterialSupply>();
        services.TryAddSingleton<Clocks.ClockRecompute>();
        services.TryAddSingleton<Tracking.CaseQueries>();
        services.TryAddSingleton<Tracking.InboxQueries>();
        services.TryAddSingleton<Tracking.ProjectQueries>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDueBookmarkHandler, PermitTimerHandler>());
        services.AddSupervision();
        // Uploaded materials (docs/materials.md): a folder under the data directory unless a store is registered first.
        services.AddWorkflowPersistenceModule<MaterialFiles.MaterialFilePersistenceModule>();
        services.TryAddSingleton<MaterialFiles.IFileStore>(_ => new MaterialFiles.FolderFileStore(Path.Combine("data", "files")));
        services.TryAddSingleton<MaterialFiles.MaterialFiles>();
        services.TryAddSingleton<MaterialFiles.MaterialUpload>();
        services.AddAppointments(); // halls, windows, categories and appointments (docs/appointments.md)
        // One queue numbering for every hall, windows' calls and the halls' displays (docs/queueing.md).
        services.AddQueueing();
        return services;
    }
}
