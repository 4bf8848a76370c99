using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.CaseNumbers;

/// <summary>
/// The query code (查询码) printed on the acceptance notice (受理通知书): with the case number it lets anyone holding the
/// notice look up the case's progress. Eight characters drawn at random when the case number is (<see cref="CaseNumbering"/>)
/// from an alphabet without look-alikes (no 0/O, 1/I/L), stored in the case file and <c>permit_cases.query_code</c>, so
/// it can be printed again at any time. Typing is forgiving: case, spaces and dashes do not matter (docs/domain.md, *Case numbers*).
/// </summary>
public sealed class QueryCodes(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>31 characters: digits 2–9 and A–Z without I, L and O (about 39.6 bits a code).</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>How many characters a code has.</summary>
    public const int Length = 8;

    /// <summary>A new random code.</summary>
    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The code as people may type it, made comparable: upper case, without spaces and dashes.</summary>
    public static string Normalize(string? typed)
    {
        var builder = new StringBuilder(Length);
        foreach (var c in typed ?? "")
            if (c is not (' ' or '-' or '\u3000')) builder.Append(char.ToUpperInvariant(c));
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="typed"/> is <paramref name="stored"/>, compared in constant time (for codes of the same length).</summary>
    public static bool Matches(string? stored, string? typed)
    {
        var expected = Encoding.ASCII.GetBytes(stored ?? Decoy);
        var given = Encoding.ASCII.GetBytes(Normalize(typed));
        // FixedTimeEquals answers false at once for unequal lengths; pad so only the content is compared.
        var padded = new byte[expected.Length];
        given.AsSpan(0, Math.Min(given.Length, padded.Length)).CopyTo(padded);
        return CryptographicOperations.FixedTimeEquals(expected, padded) & given.Length == expected.Length & stored is not null;
    }

    /// <summary>
    /// The id of the case numbered <paramref name="caseNumber"/> when <paramref name="code"/> is its query code, else null.
    /// An unknown number is compared against a decoy, so the answer takes the same time as a wrong code.
    /// </summary>
    public async Task<string?> VerifyAsync(string caseNumber, string code, CancellationToken cancellationToken = default)
    {
        var number = (caseNumber ?? "").Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<CaseRow>().AsNoTracking().Where(c => c.CaseNumber == number)
            .Select(c => new { c.Id, c.QueryCode }).FirstOrDefaultAsync(cancellationToken);
        return Matches(row?.QueryCode, code) ? row!.Id : null;
    }

    private const string Decoy = "########";
}
