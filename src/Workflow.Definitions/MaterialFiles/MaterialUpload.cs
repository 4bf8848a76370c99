using Workflow.Definitions.Cases;
using Workflow.Definitions.Materials;

namespace Workflow.Definitions.MaterialFiles;

/// <summary>
/// An upload by the applicant (docs/materials.md): the file becomes the material's next version, and when the applicant
/// owes that material (<see cref="CaseFile.Owed"/>: missing, asked for by an open supplement request or the pending one-time
/// notice, or under an open commitment) the
/// upload also hands it in, exactly as the supply action does (<see cref="MaterialSupply"/>): the material is recorded
/// present, its commitment fulfilled, and the step waiting for it moves on once everything it asked for is in.
/// </summary>
public sealed class MaterialUpload(MaterialFiles files, MaterialSupply supply)
{
    /// <summary>Stores the file; hands the material in when it is owed.</summary>
    /// <returns>The stored version, and whether the upload handed the material in.</returns>
    /// <exception cref="PermitRuleViolation">The file or material is refused (see <see cref="MaterialFiles.UploadAsync"/>).</exception>
    public async Task<(MaterialFileRow File, bool Supplied)> UploadAsync(CaseFile file, string materialCode, string fileName, Stream content, string uploadedBy,
        CancellationToken cancellationToken = default)
    {
        var row = await files.UploadAsync(file, materialCode, fileName, content, uploadedBy, cancellationToken);
        if (file.Owed().All(o => o.Code != materialCode)) return (row, false);
        await supply.SupplyAsync(file.CaseId, [materialCode], uploadedBy, cancellationToken);
        return (row, true);
    }
}
