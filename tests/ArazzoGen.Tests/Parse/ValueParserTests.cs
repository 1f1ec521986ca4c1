using ArazzoGen.Diagnostics;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Tests.Parse;

public class ValueParserTests
{
    private static ValueNode Parse(string yamlValue, out DiagnosticBag diagnostics)
    {
        diagnostics = new DiagnosticBag("/v.yaml");
        var root = (YamlMapping)YamlTreeReader.Read("v: " + yamlValue, diagnostics, YamlLimits.Default, default)!;
        return ValueParser.Parse(root["v"]!, diagnostics);
    }

    [Theory]
    [InlineData("1", "Integer", "1")]
    [InlineData("-42", "Integer", "-42")]
    [InlineData("2.5", "Number", "2.5")]
    [InlineData("1e3", "Number", "1000")]
    [InlineData("'1'", "String", "1")]
    [InlineData("\"true\"", "String", "true")]
    [InlineData("true", "Boolean", "true")]
    [InlineData("False", "Boolean", "false")]
    [InlineData("null", "Null", "")]
    [InlineData("~", "Null", "")]
    [InlineData("Completed", "String", "Completed")]
    [InlineData("1,000", "String", "1,000")]
    [InlineData("$5 off", "String", "$5 off")]
    public void Literals_keep_the_type_yaml_gives_them(string yaml, string kind, string text)
    {
        var value = Assert.IsType<LiteralValue>(Parse(yaml, out var diagnostics));

        Assert.Equal(0, diagnostics.Count);
        Assert.Equal(Enum.Parse<LiteralKind>(kind), value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Fact]
    public void An_expression_value_is_parsed_with_its_span()
    {
        var value = Assert.IsType<ExpressionValue>(Parse("$inputs.count", out _));

        Assert.Equal(ExpressionRoot.Inputs, value.Expression.Root);
        Assert.Equal(3, value.Span.StartColumn);
    }

    [Fact]
    public void Embedded_expressions_make_a_template()
    {
        var value = Assert.IsType<TemplateValue>(Parse("\"arn:aws:s3:::{$inputs.bucket}/{$steps.a.outputs.key}.csv\"", out var diagnostics));

        Assert.Equal(0, diagnostics.Count);
        Assert.Equal(new[] { "arn:aws:s3:::", "$inputs.bucket", "/", "$steps.a.outputs.key", ".csv" }, value.Parts.Select(p => p.Text ?? p.Expression!.Text));
    }

    [Fact]
    public void A_malformed_embedded_expression_is_reported_at_its_column()
    {
        Parse("\"x-{$inputz.a}\"", out var diagnostics);

        var diagnostic = Assert.Single(diagnostics.ToEquatableArray());
        Assert.Equal("ARZ0301", diagnostic.Id);
        Assert.Equal(7, diagnostic.Location.LineSpan.Start.Character);
    }

    [Fact]
    public void Objects_and_lists_nest()
    {
        var value = Assert.IsType<ObjectValue>(Parse("{ A: [ { B: $inputs.b }, 2 ] }", out _));

        var list = Assert.IsType<ArrayValue>(Assert.Single(value.Members).Value);
        Assert.IsType<ExpressionValue>(Assert.IsType<ObjectValue>(list.Items[0]).Members[0].Value);
        Assert.Equal(LiteralKind.Integer, Assert.IsType<LiteralValue>(list.Items[1]).Kind);
    }
}
