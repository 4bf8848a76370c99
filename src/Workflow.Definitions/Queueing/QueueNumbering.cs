using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// One numbering for every hall (docs/queueing.md, *Numbering*): a ticket's number is its category's prefix letter and
/// the day's sequence of that prefix, e.g. <c>A023</c>, drawn from the counter row <c>queue_counters (day, prefix)</c> by
/// one upsert … RETURNING in the transaction that writes the ticket (as case numbers are, <c>CaseNumbering</c>).
/// </summary>
public static class QueueNumbering
{
    /// <summary>The number shown and called: the prefix and at least three digits.</summary>
    public static string Format(string prefix, int sequence) => $"{prefix}{sequence:D3}";

    /// <summary>A new six-character follow code for a ticket, in the query code's alphabet (no look-alikes).</summary>
    public static string NewCode() => new(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(CaseNumbers.QueryCodes.Alphabet, 6));

    /// <summary>Bumps the counter of <paramref name="day"/> and <paramref name="prefix"/> and answers the new value (1 for the day's first).</summary>
    public static async Task<int> DrawAsync(WorkflowDbContext db, string day, string prefix, CancellationToken cancellationToken)
    {
        var drawn = await db.Database.SqlQuery<int>($"""
            INSERT INTO queue_counters (day, prefix, last_number) VALUES ({day}, {prefix}, 1)
            ON CONFLICT (day, prefix) DO UPDATE SET last_number = queue_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken);
        return drawn.Single();
    }
}
