package nl.kennisbank.elasticsearch;

import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;

/**
 * {@code keyword_marker}: protects words (Wmo, pgb, Jeugdwet) from the stemmer. As in
 * analysis-common: {@code keywords} or {@code keywords_path}, or else
 * {@code keywords_pattern}; {@code ignore_case}.
 */
public class KeywordMarkerTokenFilterFactory extends AbstractTokenFilterFactory {

    private final CharArraySet keywords;
    private final Pattern pattern;

    public KeywordMarkerTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        boolean ignoreCase = settings.getAsBoolean("ignore_case", false);
        String patternString = settings.get("keywords_pattern");
        if (patternString != null) {
            if (settings.get("keywords") != null || settings.get("keywords_path") != null) {
                throw new IllegalArgumentException("cannot specify both `keywords_pattern` and `keywords` or `keywords_path`");
            }
            pattern = Pattern.compile(patternString);
            keywords = null;
        } else {
            Set<?> words = Analysis.getWordSet(env, settings, "keywords");
            if (words == null) {
                throw new IllegalArgumentException(
                    "keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured"
                );
            }
            keywords = new CharArraySet(words, ignoreCase);
            pattern = null;
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return pattern != null
            ? new PatternKeywordMarkerFilter(tokenStream, pattern)
            : new SetKeywordMarkerFilter(tokenStream, keywords);
    }
}
