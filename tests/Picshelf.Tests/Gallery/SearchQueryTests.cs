using Picshelf.Api;
using Picshelf.Gallery;
using static Picshelf.Gallery.SearchNode;

namespace Picshelf.Tests.Gallery;

/// <summary>The search syntax read into one tree: words, phrases, AND/OR/NOT, parentheses and field prefixes, and every mistake a 400.</summary>
public sealed class SearchQueryTests
{
    private static Text Word(string word, string? field = null) => new(word, field);

    [Fact]
    public void Words_AreAndedWhereNothingJoinsThem_AndCaseFolded() =>
        Assert.Equal(new Both(Word("cats"), Word("dogs")), SearchQuery.Parse("Cats dogs"));

    [Fact]
    public void Or_BindsLooserThanAnd_AndNotTighterThanBoth() =>
        Assert.Equal(new Either(Word("a"), new Both(Word("b"), new Without(Word("c")))), SearchQuery.Parse("a OR b AND NOT c"));

    [Fact]
    public void Parentheses_Group() =>
        Assert.Equal(new Both(new Either(Word("a"), Word("b")), new Without(Word("c"))), SearchQuery.Parse("(a OR b) NOT c"));

    [Fact]
    public void QuotedWords_AreAPhrase() =>
        Assert.Equal(new Text("grand canyon", null), SearchQuery.Parse("\"Grand  Canyon\""));

    [Fact]
    public void FieldPrefixes_TakeTheNextWordOrPhrase_WithOrWithoutASpace()
    {
        Assert.Equal(new Both(new Both(Word("cats", "title"), Word("dogs")), new Filter("ext", "gif")), SearchQuery.Parse("title: cats AND dogs ext: gif"));
        Assert.Equal(new Both(new Filter("tag", "funny_cats"), new Filter("user", "alice")), SearchQuery.Parse("tag:funny_cats user:Alice"));
        Assert.Equal(new Text("blue sky", "album"), SearchQuery.Parse("album:\"blue sky\""));
    }

    [Fact]
    public void LowerCaseOperators_AreWords() =>
        Assert.Equal(new Both(new Both(Word("cats"), Word("or")), Word("dogs")), SearchQuery.Parse("cats or dogs"));

    [Theory]
    [InlineData("col:cats", "col", "cats")]
    [InlineData("cats*", "cats", null)]
    [InlineData("c^a-t", "c", "a")]
    public void SearchEngineSyntax_IsOnlySeparators(string q, string first, string? second)
    {
        var tree = SearchQuery.Parse(q);
        var words = Leaves(tree).ToList();
        Assert.Equal(first, words[0]);
        if (second is not null)
        {
            Assert.Equal(second, words[1]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"unbalanced")]
    [InlineData("(a OR b")]
    [InlineData("a OR b)")]
    [InlineData("OR OR NOT")]
    [InlineData("a AND")]
    [InlineData("NOT")]
    [InlineData("\"*\"")]
    [InlineData("NEAR(a b")]
    [InlineData("-")]
    [InlineData("\0")]
    [InlineData("tag:")]
    public void Mistakes_Are400(string q) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => SearchQuery.Parse(q)).Status);

    [Fact]
    public void TooLongOrTooManyTerms_Are400()
    {
        Assert.Equal(400, Assert.Throws<ApiException>(() => SearchQuery.Parse(new string('a', 10_000))).Status);
        Assert.Equal(400, Assert.Throws<ApiException>(() => SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 21).Select(n => $"w{n}")))).Status);
        Assert.Equal(400, Assert.Throws<ApiException>(() => SearchQuery.Parse(new string('(', 20) + "a" + new string(')', 20))).Status);
    }

    private static IEnumerable<string> Leaves(SearchNode node) => node switch
    {
        Text text => text.Phrase.Split(' '),
        Both both => Leaves(both.Left).Concat(Leaves(both.Right)),
        _ => [],
    };
}
