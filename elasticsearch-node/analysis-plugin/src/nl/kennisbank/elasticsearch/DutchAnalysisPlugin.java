package nl.kennisbank.elasticsearch;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Registers the analysis-common components Kennisbank uses, under analysis-common's
 * own names, for the integ-test distribution that lacks that module.
 */
public class DutchAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("html_strip", HtmlStripCharFilterFactory::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "stemmer", StemmerTokenFilterFactory::new,
            "asciifolding", AsciiFoldingTokenFilterFactory::new,
            // As in analysis-common: these three have no usable defaults, so the node
            // must not build a settings-less instance under the bare name.
            "keyword_marker", requiresAnalysisSettings(KeywordMarkerTokenFilterFactory::new),
            "stemmer_override", requiresAnalysisSettings(StemmerOverrideTokenFilterFactory::new),
            "hyphenation_decompounder", requiresAnalysisSettings(HyphenationCompoundWordTokenFilterFactory::new),
            "edge_ngram", EdgeNGramTokenFilterFactory::new,
            "remove_duplicates", SettinglessTokenFilterFactory.of(RemoveDuplicatesTokenFilter::new),
            "apostrophe", SettinglessTokenFilterFactory.of(ApostropheFilter::new)
        );
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("dutch", DutchAnalyzerProvider::new);
    }
}
