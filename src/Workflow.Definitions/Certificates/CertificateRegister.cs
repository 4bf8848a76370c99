using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.CaseNumbers;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Certificates;

/// <summary>Reads the electronic certificates (docs/public.md): one by its verification code, or those of a case.</summary>
public sealed class CertificateRegister(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>The certificate with verification code <paramref name="code"/> (typed forgivingly, as a query code), or null.</summary>
    public async Task<ElectronicCertificate?> FindAsync(string? code, CancellationToken cancellationToken = default)
    {
        var normalized = QueryCodes.Normalize(code);
        if (normalized.Length != QueryCodes.Length) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<CertificateRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalized, cancellationToken);
        return row is null ? null : ElectronicCertificate.Of(row);
    }

    /// <summary>The certificates issued on case <paramref name="caseId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ElectronicCertificate>> OfCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CertificateRow>().AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.IssuedAt).Select(ElectronicCertificate.Of).ToList();
    }
}
