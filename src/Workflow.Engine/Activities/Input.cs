using Workflow.Engine.Model;

namespace Workflow.Engine.Activities;

/// <summary>
/// A typed activity input. The runtime binds it from the definition before executing the activity; the activity reads
/// it with <see cref="ActivityExecutionContext.Get{T}(Input{T})"/>, which evaluates the expression (Literal, Object,
/// Variable, JavaScript) and converts the result to <typeparamref name="T"/>.
/// </summary>
public sealed class Input<T>
{
    /// <summary>An input with no expression and no default; the runtime sets <see cref="Expression"/> when the definition has one.</summary>
    public Input() { }

    /// <summary>An input with a default value, used when the definition leaves it out.</summary>
    public Input(T defaultValue) => DefaultValue = defaultValue;

    /// <summary>An input bound to <paramref name="expression"/>.</summary>
    internal Input(ExpressionInput expression) => Expression = expression;

    /// <summary>The expression from the definition, or null when absent.</summary>
    public ExpressionInput? Expression { get; set; }

    /// <summary>What <see cref="ActivityExecutionContext.Get{T}(Input{T})"/> returns when the definition leaves the input out.</summary>
    internal T? DefaultValue { get; }
}
