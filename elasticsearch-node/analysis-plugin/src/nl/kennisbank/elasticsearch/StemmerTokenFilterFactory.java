package nl.kennisbank.elasticsearch;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.KpStemmer;

/**
 * The {@code stemmer} token filter for the languages Kennisbank indexes. As in
 * analysis-common, {@code language} (or its alias {@code name}) picks the stemmer and
 * defaults to English; an unsupported language is refused when the index is created.
 */
public class StemmerTokenFilterFactory extends AbstractTokenFilterFactory {

    private static final java.util.Set<String> LANGUAGES = java.util.Set.of("dutch", "dutch_kp", "english");

    private final String language;

    public StemmerTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        language = settings.get("language", settings.get("name", "english")).toLowerCase(java.util.Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(
                "stemmer language [" + language + "] is not in kennisbank-analysis-nl " + LANGUAGES
            );
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return switch (language) {
            case "dutch" -> new SnowballFilter(tokenStream, new DutchStemmer());
            case "dutch_kp" -> new SnowballFilter(tokenStream, new KpStemmer());
            case "english" -> new PorterStemFilter(tokenStream);
            default -> throw new IllegalStateException(language);
        };
    }
}
