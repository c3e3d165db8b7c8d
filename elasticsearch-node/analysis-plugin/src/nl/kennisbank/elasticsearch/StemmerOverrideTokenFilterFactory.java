package nl.kennisbank.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter.StemmerOverrideMap;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;

/**
 * {@code stemmer_override}: fixes the Snowball stemmer's mistakes ("kinderen" => "kind").
 * As in analysis-common: {@code rules} or {@code rules_path}, each rule
 * {@code key[, key...] => stem}; a malformed rule refuses the index.
 */
public class StemmerOverrideTokenFilterFactory extends AbstractTokenFilterFactory {

    private final StemmerOverrideMap overrideMap;

    public StemmerOverrideTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        List<String> rules = Analysis.getWordList(env, settings, "rules");
        if (rules == null) {
            throw new IllegalArgumentException("stemmer override filter requires either `rules` or `rules_path` to be configured");
        }
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        for (String rule : rules) {
            addRule(builder, rule);
        }
        try {
            overrideMap = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addRule(StemmerOverrideFilter.Builder builder, String rule) {
        String[] sides = rule.split("=>", -1);
        if (sides.length != 2) {
            throw new RuntimeException("Invalid Keyword override Rule:" + rule);
        }
        String override = sides[1].trim();
        if (override.isEmpty() || override.indexOf(',') != -1) {
            throw new RuntimeException("Invalid Keyword override Rule:" + rule);
        }
        for (String key : sides[0].split(",", -1)) {
            String trimmed = key.trim();
            if (trimmed.isEmpty()) {
                throw new RuntimeException("Invalid Keyword override Rule:" + rule);
            }
            builder.add(trimmed, override);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new StemmerOverrideFilter(tokenStream, overrideMap);
    }
}
