using Workflow.Definitions.CaseNumbers;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;

namespace Workflow.Definitions.PublicLookup;

/// <summary>
/// The public progress lookup (查询办件进度): a case number and its query code answer the case's <see cref="PublicProgress"/>;
/// a wrong code and an unknown number both answer null, after the same constant-time comparison
/// (<see cref="QueryCodes.VerifyAsync"/>), so the answer does not tell whether a number exists (docs/public.md).
/// </summary>
public sealed class PublicCaseLookup(QueryCodes codes, CaseQueries cases, MatterCatalogue catalogue)
{
    /// <summary>The progress of case <paramref name="caseNumber"/> when <paramref name="code"/> is its query code, else null.</summary>
    public async Task<PublicProgress?> FindAsync(string? caseNumber, string? code, CancellationToken cancellationToken = default)
    {
        if (await codes.VerifyAsync(caseNumber ?? "", code ?? "", cancellationToken) is not { } caseId) return null;
        return await cases.FindAsync(caseId, cancellationToken) is { } snapshot ? PublicProgress.Of(snapshot, catalogue) : null;
    }
}
