using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// The indexes the paged, filtered lists need (docs/persistence.md): the handled lists (已办) read a department's
/// completed steps newest first; the open lists filter by filing date; the inboxes read the open steps in their order. A module of its own (registered after
/// <c>permits</c>, whose tables it indexes) so that its steps do not take the permit module's numbers. It adds no entity.
/// </summary>
public sealed class ListIndexModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "permit-lists";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "indexes of the handled lists and the filing date", Indexes, Indexes),
        new(2, "partial indexes of the open steps in inbox order", InboxOrder("promised_due IS NULL"), InboxOrder("(promised_due IS NULL)")),
        new(3, "partial indexes of the supervisor's counts and attention list", Levels("overdue_at IS NULL"), Levels("(overdue_at IS NULL)")),
        new(4, "the late steps by department, for the supervisor's counts (open and waiting are counters now)", LateSteps, LateSteps),
        new(5, "the project list in registration order, everyone's and by agent", ProjectOrder, ProjectOrder),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
    }

    /// <summary>
    /// The inbox's order (<see cref="InboxQueries.PageAsync(string?, int, int, CancellationToken)"/>: green channel first, then by
    /// promised due instant, steps without one last, then by age) over the open steps only, per department and for
    /// everyone: a page of 50 reads 50 index entries in order instead of sorting every open step (docs/benchmarks.md, "Queries that stop early").
    /// The WHERE must be the query's state term word for word, which is why the query writes the states as constants.
    /// </summary>
    private static string InboxOrder(string dueMissing) => $"""
        CREATE INDEX ix_permit_steps_open_by_department ON permit_steps (department, green_channel DESC, {dueMissing}, promised_due, created_at, id)
            WHERE state IN ('Open', 'WaitingForSupplement');
        CREATE INDEX ix_permit_steps_open ON permit_steps (green_channel DESC, {dueMissing}, promised_due, created_at, id)
            WHERE state IN ('Open', 'WaitingForSupplement');
        """;

    /// <summary>
    /// The supervisor's overview (<see cref="InboxQueries.OverviewAsync(StepListFilter, int, int, CancellationToken)"/>, docs/supervision.md "Counting at scale"): the
    /// counts per department read one covering index of the open steps (no table rows); the attention list reads the
    /// steps with a warning instant (only open steps have one) in its order — overdue first, most overdue first, then the warnings nearest
    /// to overdue, those that stood still in warning last — so a page reads its entries in order and stops.
    /// </summary>
    private static string Levels(string overdueMissing) => $"""
        CREATE INDEX ix_permit_steps_open_levels ON permit_steps (state, department, warning_at, overdue_at)
            WHERE state IN ('Open', 'WaitingForSupplement');
        CREATE INDEX ix_permit_steps_attention ON permit_steps ({overdueMissing}, overdue_at, id, warning_at)
            WHERE warning_at IS NOT NULL;
        """;

    /// <summary>
    /// The supervisor's late counts (<see cref="InboxQueries.OverviewAsync(StepListFilter, int, int, CancellationToken)"/>, docs/supervision.md "Counting at scale"):
    /// per department, the steps whose warning instant has passed, read as one range of this covering index from the
    /// department's first entry to now — only the late steps are visited, whatever the number of open steps. The open and
    /// waiting counts come from the counters (<c>permit_open_steps</c>), so the index that walked every open step goes.
    /// </summary>
    private const string LateSteps = """
        CREATE INDEX ix_permit_steps_late ON permit_steps (department, warning_at, overdue_at) WHERE warning_at IS NOT NULL;
        DROP INDEX ix_permit_steps_open_levels;
        """;

    /// <summary>
    /// The project list's default order (<see cref="ProjectQueries.ListAsync"/>: newest registered first, ties by id;
    /// <c>sort=oldest</c> the other way): a page of 50 reads 50 entries of one index instead of sorting every project,
    /// everyone's for the supervisor, an agent's own by the second (which also serves what <c>ix_permit_projects_agent</c>
    /// did, so that one goes). Written to be run again on a database that has them (a test replays the later steps).
    /// </summary>
    private const string ProjectOrder = """
        CREATE INDEX IF NOT EXISTS ix_permit_projects_created ON permit_projects (created_at, id);
        CREATE INDEX IF NOT EXISTS ix_permit_projects_created_by_agent ON permit_projects (agent, created_at, id);
        DROP INDEX IF EXISTS ix_permit_projects_agent;
        """;

    private const string Indexes = """
        CREATE INDEX ix_permit_steps_handled ON permit_steps (department, state, completed_at);
        CREATE INDEX ix_permit_cases_submitted ON permit_cases (submitted_at);
        """;
}
