using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;

namespace Workflow.Host.Web.Tracking;

/// <summary>One row of the project tracker: a stage, its matters' cells and the stage's latest case.</summary>
public sealed record StageRow(StageDefinition Stage, IReadOnlyList<MatterCell> Cells, CaseFile? LatestCase);
