using System.Text;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>
/// Reads Imgur's search syntax into one <see cref="SearchNode"/> tree. <c>q</c>: words, "quoted phrases", parentheses,
/// AND (also implied between terms), OR and NOT (in capitals, as Imgur writes them; lower-case they are words), and the
/// prefixes <c>tag: user: title: ext: subreddit: album: meme:</c> before a word or phrase. A word is a run of letters and
/// digits: anything else in it (FTS operators such as <c>*</c>, <c>^</c>, <c>NEAR(</c>'s bracket aside) is a separator,
/// so no text reaches a search engine as syntax. The advanced parameters (<c>q_all</c>, <c>q_any</c>, <c>q_exactly</c>,
/// <c>q_not</c>, <c>q_type</c>, <c>q_size_px</c>) replace <c>q</c> when any is given. Every mistake is a 400 naming it.
/// </summary>
public static class SearchQuery
{
    public const int MaxLength = 1000;
    public const int MaxTerms = 20;
    private const int MaxDepth = 10;

    private static readonly string[] TextFields = ["title", "album"];
    private static readonly string[] FilterFields = ["tag", "user", "ext", "subreddit", "meme"];
    public static readonly string[] Types = ["jpg", "png", "gif", "anigif", "album"];
    public static readonly string[] Sizes = ["small", "med", "big", "lrg", "huge"];
    private static readonly string[] AdvancedKeys = ["q_all", "q_any", "q_exactly", "q_not", "q_type", "q_size_px"];

    public static SearchNode FromRequest(IQueryCollection query)
    {
        string? Value(string key) => query.TryGetValue(key, out var value) && value.ToString().Trim().Length > 0 ? value.ToString() : null;
        var advanced = AdvancedKeys.Where(k => Value(k) is not null).ToList();
        if (advanced.Count == 0)
        {
            return Parse(Value("q") ?? throw ApiException.BadRequest("Search for something: send q, or the advanced q_all, q_any, q_exactly, q_not"));
        }
        var parts = new List<SearchNode>();
        if (Value("q_all") is { } all)
        {
            parts.Add(Fold(Words(all, "q_all").Select(Word), (a, b) => new SearchNode.Both(a, b)));
        }
        if (Value("q_any") is { } any)
        {
            parts.Add(Fold(Words(any, "q_any").Select(Word), (a, b) => new SearchNode.Either(a, b)));
        }
        if (Value("q_exactly") is { } exactly)
        {
            parts.Add(new SearchNode.Text(string.Join(' ', Words(exactly, "q_exactly")), null));
        }
        if (Value("q_type") is { } type)
        {
            parts.Add(new SearchNode.Filter("type", Types.Contains(type) ? type : throw ApiException.BadRequest("q_type must be jpg, png, gif, anigif or album")));
        }
        if (Value("q_size_px") is { } size)
        {
            parts.Add(new SearchNode.Filter("size", Sizes.Contains(size) ? size : throw ApiException.BadRequest("q_size_px must be small, med, big, lrg or huge")));
        }
        if (Value("q_not") is { } not)
        {
            var excluded = new SearchNode.Without(Fold(Words(not, "q_not").Select(Word), (a, b) => new SearchNode.Either(a, b)));
            // Only what is excluded is no search: it would list the whole gallery but for a few.
            parts.Add(parts.Count > 0 ? excluded : throw ApiException.BadRequest("q_not needs something to search for beside it"));
        }
        return Fold(parts, (a, b) => new SearchNode.Both(a, b));
    }

    public static SearchNode Parse(string q)
    {
        if (q.Length > MaxLength)
        {
            throw ApiException.BadRequest($"The search is longer than {MaxLength} characters");
        }
        var parser = new Parser(Tokenize(q));
        var tree = parser.ParseOr(0);
        if (!parser.AtEnd)
        {
            throw ApiException.BadRequest("The search has a ) without its (");
        }
        return parser.Terms > MaxTerms ? throw ApiException.BadRequest($"The search has more than {MaxTerms} terms") : tree;
    }

    private static SearchNode Word(string word) => new SearchNode.Text(word, null);

    private static SearchNode Fold(IEnumerable<SearchNode> nodes, Func<SearchNode, SearchNode, SearchNode> combine) =>
        nodes.Aggregate(combine);

    private static List<string> Words(string text, string name)
    {
        var words = SplitWords(text);
        return words.Count == 0 ? throw ApiException.BadRequest($"{name} has no words to search for")
            : words.Count > MaxTerms ? throw ApiException.BadRequest($"{name} has more than {MaxTerms} words")
            : words;
    }

    /// <summary>Runs of letters and digits, case folded.</summary>
    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private enum Kind { Open, Close, Phrase, Word, And, Or, Not, Field }

    private readonly record struct Token(Kind Kind, string Text);

    private static List<Token> Tokenize(string q)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < q.Length)
        {
            var c = q[i];
            if (c is '(' or ')')
            {
                tokens.Add(new Token(c == '(' ? Kind.Open : Kind.Close, c.ToString()));
                i++;
            }
            else if (c == '"')
            {
                var end = q.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw ApiException.BadRequest("The search has a \" without its closing \"");
                }
                tokens.Add(new Token(Kind.Phrase, q[(i + 1)..end]));
                i = end + 1;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else
            {
                var start = i;
                while (i < q.Length && !char.IsWhiteSpace(q[i]) && q[i] is not ('(' or ')' or '"' or ':'))
                {
                    i++;
                }
                var text = q[start..i];
                if (i < q.Length && q[i] == ':' && (TextFields.Contains(text.ToLowerInvariant()) || FilterFields.Contains(text.ToLowerInvariant())))
                {
                    tokens.Add(new Token(Kind.Field, text.ToLowerInvariant()));
                    i++;
                    continue;
                }
                if (i < q.Length && q[i] == ':')
                {
                    // Not a field Picshelf knows (such as an FTS column filter): the colon is a separator.
                    i++;
                }
                tokens.Add(text switch
                {
                    "AND" => new Token(Kind.And, text),
                    "OR" => new Token(Kind.Or, text),
                    "NOT" => new Token(Kind.Not, text),
                    _ => new Token(Kind.Word, text),
                });
            }
        }
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int position;

        public int Terms { get; private set; }

        public bool AtEnd => position >= tokens.Count;

        private Token? Peek => position < tokens.Count ? tokens[position] : null;

        public SearchNode ParseOr(int depth)
        {
            var left = ParseAnd(depth);
            while (Peek?.Kind == Kind.Or)
            {
                position++;
                left = new SearchNode.Either(left, ParseAnd(depth));
            }
            return left;
        }

        private SearchNode ParseAnd(int depth)
        {
            var left = ParseUnary(depth);
            while (Peek is { Kind: not (Kind.Or or Kind.Close) })
            {
                if (Peek?.Kind == Kind.And)
                {
                    position++;
                }
                left = new SearchNode.Both(left, ParseUnary(depth));
            }
            return left;
        }

        private SearchNode ParseUnary(int depth)
        {
            if (depth > MaxDepth)
            {
                throw ApiException.BadRequest($"The search nests deeper than {MaxDepth} levels");
            }
            var token = Peek ?? throw ApiException.BadRequest("The search ends where a word was expected");
            position++;
            switch (token.Kind)
            {
                case Kind.Not:
                    return new SearchNode.Without(ParseUnary(depth + 1));
                case Kind.Open:
                    var inner = ParseOr(depth + 1);
                    if (Peek?.Kind != Kind.Close)
                    {
                        throw ApiException.BadRequest("The search has a ( without its )");
                    }
                    position++;
                    return inner;
                case Kind.Field:
                    var value = Peek is { Kind: Kind.Word or Kind.Phrase } next ? next : throw ApiException.BadRequest($"{token.Text}: needs a word after it");
                    position++;
                    return Leaf(value.Text, token.Text);
                case Kind.Word or Kind.Phrase:
                    return Leaf(token.Text, null);
                default:
                    throw ApiException.BadRequest($"The search has {token.Text} where a word was expected");
            }
        }

        private SearchNode Leaf(string text, string? field)
        {
            Terms++;
            var words = SplitWords(text);
            if (field is not null && FilterFields.Contains(field))
            {
                return new SearchNode.Filter(field, words.Count > 0 ? string.Join('_', words) : throw ApiException.BadRequest($"{field}: needs a word after it"));
            }
            // A "word" made only of symbols searches for nothing; a search of nothing but such words is refused.
            return words.Count > 0 ? new SearchNode.Text(string.Join(' ', words), field) : throw ApiException.BadRequest($"'{(text.Length > 20 ? text[..20] : text)}' has no letters or digits to search for");
        }
    }
}
