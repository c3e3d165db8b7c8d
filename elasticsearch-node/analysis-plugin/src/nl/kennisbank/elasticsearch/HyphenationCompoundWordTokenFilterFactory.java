package nl.kennisbank.elasticsearch;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.CompoundWordTokenFilterBase;
import org.apache.lucene.analysis.compound.HyphenationCompoundWordTokenFilter;
import org.apache.lucene.analysis.compound.hyphenation.HyphenationTree;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.xml.sax.InputSource;

/**
 * {@code hyphenation_decompounder}: splits Dutch compounds ("mantelzorgondersteuning")
 * at hyphenation points into the parts found in a word list. Settings as in
 * analysis-common: {@code hyphenation_patterns_path} (FOP XML, relative to the config
 * directory), {@code word_list} or {@code word_list_path}, {@code min_word_size},
 * {@code min_subword_size}, {@code max_subword_size}, {@code only_longest_match},
 * {@code no_sub_matches}, {@code no_overlapping_matches}.
 */
public class HyphenationCompoundWordTokenFilterFactory extends AbstractTokenFilterFactory {

    private final HyphenationTree hyphenationTree;
    private final CharArraySet wordList;
    private final int minWordSize;
    private final int minSubwordSize;
    private final int maxSubwordSize;
    private final boolean onlyLongestMatch;
    private final boolean noSubMatches;
    private final boolean noOverlappingMatches;

    public HyphenationCompoundWordTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        minWordSize = settings.getAsInt("min_word_size", CompoundWordTokenFilterBase.DEFAULT_MIN_WORD_SIZE);
        minSubwordSize = settings.getAsInt("min_subword_size", CompoundWordTokenFilterBase.DEFAULT_MIN_SUBWORD_SIZE);
        maxSubwordSize = settings.getAsInt("max_subword_size", CompoundWordTokenFilterBase.DEFAULT_MAX_SUBWORD_SIZE);
        onlyLongestMatch = settings.getAsBoolean("only_longest_match", false);
        noSubMatches = settings.getAsBoolean("no_sub_matches", false);
        noOverlappingMatches = settings.getAsBoolean("no_overlapping_matches", false);
        wordList = Analysis.getWordSet(env, settings, "word_list");
        if (wordList == null) {
            throw new IllegalArgumentException("word_list must be provided for [" + name + "], either as a path to a file, or directly");
        }
        String patternsPath = settings.get("hyphenation_patterns_path", null);
        if (patternsPath == null) {
            throw new IllegalArgumentException("hyphenation_patterns_path is a required setting.");
        }
        Path patternsFile = env.configDir().resolve(patternsPath);
        try (InputStream in = Files.newInputStream(patternsFile)) {
            hyphenationTree = HyphenationCompoundWordTokenFilter.getHyphenationTree(new InputSource(in));
        } catch (Exception e) {
            throw new IllegalArgumentException("Exception while reading hyphenation_patterns_path.", e);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new HyphenationCompoundWordTokenFilter(
            tokenStream,
            hyphenationTree,
            wordList,
            minWordSize,
            minSubwordSize,
            maxSubwordSize,
            onlyLongestMatch,
            noSubMatches,
            noOverlappingMatches
        );
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        return IDENTITY_FILTER; // as analysis-common: synonym rules are not decompounded
    }
}
