namespace Workflow.Engine.Validation;

/// <summary>How bad a finding is (docs/definition-format.md, Validation).</summary>
public enum FindingSeverity
{
    /// <summary>It runs, but a designer should look (unreachable activity, a join that can never complete on some path ...).</summary>
    Warning,
    /// <summary>The definition cannot run or be published.</summary>
    Error,
}
