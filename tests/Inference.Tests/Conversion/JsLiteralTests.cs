using Insights.Inference.Conversion;

namespace Insights.Inference.Tests.Conversion;

public sealed class JsLiteralTests
{
    [Fact]
    public void ParsesMinifiedObjectLiterals()
    {
        const string bundle = "!function(e){}({1:[function(e,a,n){a.exports={modelTopology:{a:!0,b:!1,c:.5,d:-.25,e:1e-3,\"q\":'x\\\"y',f:[1,[2,3]],g:null}}},{}]});";

        var json = JsLiteral.ParseObjectContaining(bundle, "modelTopology")["modelTopology"]!;

        Assert.True((bool)json["a"]!);
        Assert.False((bool)json["b"]!);
        Assert.Equal(0.5, (double)json["c"]!);
        Assert.Equal(-0.25, (double)json["d"]!);
        Assert.Equal(1e-3, (double)json["e"]!);
        Assert.Equal("x\"y", (string)json["q"]!);
        Assert.Equal(3, (int)json["f"]![1]![1]!);
        Assert.Null(json["g"]);
    }

    [Fact]
    public void ReadsTheExportedBase64String() =>
        Assert.Equal("QUJD", JsLiteral.ParseExportedString("function(e,h,n){h.exports=\"QUJD\"}"));
}
