namespace Workflow.Definitions.Catalogue;

/// <summary>Whether a material must be present at intake.</summary>
public enum MaterialKind
{
    /// <summary>Core (核心材料): without it the application cannot be accepted.</summary>
    Core,
    /// <summary>Waivable (容缺材料): may be missing at intake under a written commitment to supply it within the commitment period.</summary>
    Waivable,
}
