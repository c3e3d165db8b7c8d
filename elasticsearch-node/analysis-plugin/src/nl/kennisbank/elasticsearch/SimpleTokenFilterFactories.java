package nl.kennisbank.elasticsearch;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** The analysis-common token filters that take no settings. */
final class SimpleTokenFilterFactories {

    private SimpleTokenFilterFactories() {}

    /**
     * {@code remove_duplicates}: a decompounded part equal to its word, or two folded
     * forms that stem alike, would otherwise count twice at one position.
     */
    public static class RemoveDuplicates extends AbstractTokenFilterFactory {
        public RemoveDuplicates(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new RemoveDuplicatesTokenFilter(tokenStream);
        }
    }

    /** {@code apostrophe}: Dutch plurals and possessives ("pgb's", "cao's") lose the {@code 's}. */
    public static class Apostrophe extends AbstractTokenFilterFactory {
        public Apostrophe(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ApostropheFilter(tokenStream);
        }
    }
}
