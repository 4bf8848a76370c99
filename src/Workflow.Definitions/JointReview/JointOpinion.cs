namespace Workflow.Definitions.JointReview;

/// <summary>A participating department's opinion in a joint review or joint site inspection.</summary>
public enum JointOpinion
{
    /// <summary>同意.</summary>
    Agree,
    /// <summary>有条件同意.</summary>
    AgreeWithConditions,
    /// <summary>不同意.</summary>
    Disagree,
}
