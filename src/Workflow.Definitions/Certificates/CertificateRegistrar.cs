using Workflow.Definitions.Persistence;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.CaseNumbers;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Certificates;

/// <summary>
/// Registers every issued result as an electronic certificate (电子证照) in the transaction that issues it: before the
/// instance is written, a verification code is drawn and stamped into the case's result (so the print page can show it);
/// while it is written, the certificate's row is added. A <c>Revoked</c> decision (撤销容缺预审, docs/domain.md) marks the
/// case's earlier certificates revoked, so <c>/verify/{code}</c> tells a third party the certificate no longer holds
/// (docs/public.md).
/// </summary>
public sealed class CertificateRegistrar(MatterCatalogue catalogue) : IWorkflowSaveParticipant
{
    // The case file's JSON names (CaseFileJson: camelCase) of CaseFile.Result and CaseResult.VerificationCode.
    private const string ResultKey = "result";
    private const string CodeKey = "verificationCode";

    /// <inheritdoc />
    public async Task OnPreparingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (context.Instance.IsTest || context.Instance.Variables[CaseFile.VariableName] is not JsonObject node) return;
        if (node[ResultKey] is not JsonObject result || result[CodeKey] is not null) return;
        string code;
        do code = QueryCodes.New();
        while (await context.DbContext.Set<CertificateRow>().AsNoTracking().AnyAsync(c => c.Code == code, cancellationToken));
        result[CodeKey] = code;
    }

    /// <inheritdoc />
    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (SavedCaseFile.Of(context) is not { Result: { VerificationCode: { } code } result } file) return;
        var db = context.DbContext;
        if (await db.Set<CertificateRow>().FindAsync([code], cancellationToken) is not null) return;
        db.Add(new CertificateRow
        {
            Code = code, CaseId = file.CaseId, Number = result.CertificateNumber, CertificateType = result.CertificateType, Decision = result.Decision,
            ProjectName = file.ProjectName, Department = IssuingDepartment(file), IssuedAt = result.IssuedAt,
            Matters = string.Join('\n', file.Matters.Select(m => catalogue.FindMatter(m) is { } matter ? $"{matter.Code} {matter.Name}" : m)),
            Conditions = string.Join('\n', result.Conditions),
        });
        if (result.Decision != CaseDecisions.Revoked) return;
        var earlier = await db.Set<CertificateRow>().Where(c => c.CaseId == file.CaseId && c.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var certificate in earlier)
            (certificate.RevokedAt, certificate.RevokedBy) = (result.IssuedAt, result.CertificateNumber);
    }

    /// <summary>The single window issues in the deciding department's name, as the printed decision does.</summary>
    private string IssuingDepartment(CaseFile file) =>
        Documents.CaseDocuments.DecidingDepartment(file.Stage, file.Matters.Select(catalogue.FindMatter).OfType<Matter>().Select(m => m.Department), catalogue) ?? "";
}
