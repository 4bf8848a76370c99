using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// One counter row of <c>permit_open_steps</c>: how many steps of a department are in one open state. A department's
/// count is the sum over its <see cref="Slot"/>s (docs/supervision.md, "Counting at scale").
/// </summary>
public sealed class OpenStepCountRow
{
    /// <summary>The department code.</summary>
    public required string Department { get; set; }
    /// <summary><see cref="StepState.Open"/> or <see cref="StepState.WaitingForSupplement"/>, stored by name.</summary>
    public required StepState State { get; set; }
    /// <summary>Which of the department's <see cref="OpenStepCounts.Slots"/> rows this is.</summary>
    public int Slot { get; set; }
    /// <summary>The steps counted in this row (a slot alone may be negative; the sum over the slots never is).</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Keeps <c>permit_open_steps</c>, the supervisor's per-department counts of open and waiting steps, in step with
/// <c>permit_steps</c>: called by <see cref="PermitProjection"/> once it has staged its step rows, it reads from EF's
/// change tracker which rows enter or leave an open state (added rows, and modified rows whose state or department
/// differs from the committed value) and adds the differences with one upsert in the save's transaction — so the counts
/// commit or roll back with the rows. Concurrent saves add, never overwrite: SQLite has one writer, PostgreSQL locks the
/// counter row until commit. Each save adds to one of <see cref="Slots"/> rows per department and state (chosen by the
/// case), so concurrent saves of different cases rarely wait on the same row; rows are upserted in one order (department,
/// state), so two saves never deadlock on them (docs/supervision.md, "Counting at scale").
/// </summary>
public static class OpenStepCounts
{
    /// <summary>Counter rows per department and state.</summary>
    public const int Slots = 8;

    /// <summary>
    /// Rebuilds every counter from the step rows: the migration that added the table runs it, and so may whatever writes
    /// step rows past the projection (a benchmark's or test's seeding).
    /// </summary>
    public const string RecountSql = """
        DELETE FROM permit_open_steps;
        INSERT INTO permit_open_steps (department, state, slot, steps)
        SELECT department, state, 0, COUNT(*) FROM permit_steps WHERE state IN ('Open', 'WaitingForSupplement') GROUP BY department, state;
        """;

    private static readonly StepState[] Counted = [StepState.Open, StepState.WaitingForSupplement];

    /// <summary>Rebuilds every counter from the step rows (<see cref="RecountSql"/>), in <paramref name="db"/>'s transaction if it has one.</summary>
    public static async Task RecountAsync(WorkflowDbContext db, CancellationToken cancellationToken = default)
    {
        foreach (var statement in RecountSql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
    }

    /// <summary>
    /// Adds what the step rows staged on <paramref name="db"/> change to the counters, in the save's transaction; one
    /// statement, none when no step enters or leaves an open state. <paramref name="caseId"/> picks the slot.
    /// </summary>
    internal static async Task RecordAsync(WorkflowDbContext db, string caseId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var deltas = new SortedDictionary<(string Department, StepState State), long>();
        void Add(string department, StepState state, long steps)
        {
            if (!Counted.Contains(state)) return;
            deltas[(department, state)] = deltas.GetValueOrDefault((department, state)) + steps;
        }

        foreach (var entry in db.ChangeTracker.Entries<StepRow>())
        {
            var department = entry.Property(s => s.Department);
            var state = entry.Property(s => s.State);
            if (entry.State is EntityState.Modified or EntityState.Deleted) Add(department.OriginalValue, state.OriginalValue, -1);
            if (entry.State is EntityState.Added or EntityState.Modified) Add(department.CurrentValue, state.CurrentValue, +1);
        }

        var changed = deltas.Where(d => d.Value != 0).ToList();
        if (changed.Count == 0) return;
        var slot = (int)(StableHash(caseId) % Slots);
        var values = string.Join(", ", changed.Select((_, i) => $"({{{4 * i}}}, {{{4 * i + 1}}}, {{{4 * i + 2}}}, {{{4 * i + 3}}})"));
        var parameters = changed.SelectMany(d => new object[] { d.Key.Department, d.Key.State.ToString(), slot, d.Value }).ToArray();
        // One statement on both providers; the VALUES in (department, state) order is the order the rows are locked in.
        var sql = "INSERT INTO permit_open_steps (department, state, slot, steps) VALUES " + values
            + " ON CONFLICT (department, state, slot) DO UPDATE SET steps = permit_open_steps.steps + excluded.steps";
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken); // the values are parameters; only their placeholders are text
    }

    // FNV-1a: the same slot for a case in every process (string.GetHashCode differs per process).
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
