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

    private const string Indexes = """
        CREATE INDEX ix_permit_steps_handled ON permit_steps (department, state, completed_at);
        CREATE INDEX ix_permit_cases_submitted ON permit_cases (submitted_at);
        """;
}
