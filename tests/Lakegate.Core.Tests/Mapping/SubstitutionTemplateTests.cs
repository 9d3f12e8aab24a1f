using Lakegate.Core.Mapping;

namespace Lakegate.Core.Tests.Mapping;

public sealed class SubstitutionTemplateTests
{
    private static string Render(string template) => SubstitutionTemplate.Parse(template).Render(name => name switch
    {
        "context.error.messageString" => "\"boom\"",
        "context.requestId" => "r-1",
        "stageVariables.v" => "7",
        _ => null,
    });

    [Theory]
    [InlineData("{\"message\":$context.error.messageString}", "{\"message\":\"boom\"}")]
    [InlineData("id ${context.requestId}!", "id r-1!")]
    [InlineData("id $context.requestId.", "id r-1.")]
    [InlineData("v=$stageVariables.v", "v=7")]
    [InlineData("$!context.unknown|", "|")]
    [InlineData("cost $5 and $input.body", "cost $5 and $input.body")]
    [InlineData("${context.requestId", "${context.requestId")]
    public void Render_SubstitutesContextAndStageVariablesOnly(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
