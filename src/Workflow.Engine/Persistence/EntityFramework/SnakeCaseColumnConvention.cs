using Microsoft.EntityFrameworkCore;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Every column is named after its property in snake_case (<c>CaseId</c> → <c>case_id</c>), the way the hand-written
/// migrations name them (docs/persistence.md, *Modules*), so a module's model states only what differs: its table, keys,
/// generated values and conversions. A module that names a column explicitly still wins over the convention.
/// </summary>
public sealed class SnakeCaseColumnConvention : IPropertyAddedConvention
{
    /// <inheritdoc />
    public void ProcessPropertyAdded(IConventionPropertyBuilder propertyBuilder, IConventionContext<IConventionPropertyBuilder> context) =>
        propertyBuilder.HasColumnName(SnakeCase(propertyBuilder.Metadata.Name));

    /// <summary><c>CaseId</c> → <c>case_id</c>, <c>WarningAt</c> → <c>warning_at</c>; runs of capitals stay one word (<c>HTTPCode</c> → <c>http_code</c>).</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var wordStart = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (wordStart) text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else text.Append(c);
        }
        return text.ToString();
    }
}
