namespace Workflow.Engine.Validation;

/// <summary>
/// A check run over a definition that has been read (the permit module adds its own, e.g. the review-chain rule).
/// Report through <see cref="ValidationContext.Add"/>; never throw for bad input (an exception becomes an error finding).
/// </summary>
public interface IWorkflowValidationRule
{
    /// <summary>Checks the definition in <paramref name="context"/> and adds a finding per problem.</summary>
    void Validate(ValidationContext context);
}
