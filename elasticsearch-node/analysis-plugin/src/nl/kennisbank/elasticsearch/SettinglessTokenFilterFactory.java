package nl.kennisbank.elasticsearch;

import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;

/**
 * An analysis-common token filter that takes no settings and only wraps a Lucene filter:
 * {@code remove_duplicates} (a decompounded part equal to its word, or two folded forms
 * that stem alike, would otherwise count twice at one position) and {@code apostrophe}
 * (Dutch plurals and possessives, "pgb's", lose their 's).
 */
final class SettinglessTokenFilterFactory extends AbstractTokenFilterFactory {

    private final UnaryOperator<TokenStream> filter;

    private SettinglessTokenFilterFactory(String name, Settings settings, UnaryOperator<TokenStream> filter) {
        super(name, settings);
        this.filter = filter;
    }

    static AnalysisProvider<TokenFilterFactory> of(UnaryOperator<TokenStream> filter) {
        return (indexSettings, env, name, settings) -> new SettinglessTokenFilterFactory(name, settings, filter);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
