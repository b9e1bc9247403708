package dev.prepbot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Finds which words of a question's text matched a query, with Lucene's unified highlighter. The
 * query matches the text through two fields (stemmed words, and plain words for typos and prefixes),
 * so both are highlighted over the same text and their ranges merged.
 */
final class MatchHighlighter extends UnifiedHighlighter {

    private final String[] fields;
    private final IntFunction<String> textOfDoc;

    /** Highlights {@code fields}, which all index the text {@code textOfDoc} gives for a document. */
    MatchHighlighter(IndexSearcher searcher, Analyzer analyzer, IntFunction<String> textOfDoc, String... fields) {
        super(UnifiedHighlighter.builder(searcher, analyzer)
                .withBreakIterator(WholeBreakIterator::new)
                .withFormatter(new RangeFormatter())
                .withMaxNoHighlightPassages(0)
                .withHandleMultiTermQuery(true)
                .withHighlightPhrasesStrictly(false));
        this.fields = fields.clone();
        this.textOfDoc = textOfDoc;
    }

    /**
     * Questions are short, so analysing the question again finds its matches faster than looking up
     * every query word's offsets in the index, as measured at 100,000 questions; and the index need
     * not store offsets at all.
     */
    @Override
    protected OffsetSource getOffsetSource(String field) {
        return OffsetSource.ANALYSIS;
    }

    /** The index stores no text; the bank has it. */
    @Override
    protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
            throws IOException {
        List<CharSequence[]> values = new ArrayList<>();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            CharSequence[] perField = new CharSequence[fields.length];
            Arrays.fill(perField, textOfDoc.apply(doc));
            values.add(perField);
        }
        return values;
    }

    /** Each document's text with the ranges any of the fields matched, in the order of {@code docIds}. */
    List<Highlight> highlight(Query query, int[] docIds) throws IOException {
        if (docIds.length == 0) {
            return List.of();
        }
        int[] maxPassages = new int[fields.length];
        Arrays.fill(maxPassages, 1);
        Map<String, Object[]> results = highlightFieldsAsObjects(fields, query, docIds, maxPassages);
        List<Highlight> highlights = new ArrayList<>(docIds.length);
        for (int d = 0; d < docIds.length; d++) {
            TreeMap<Integer, Integer> ranges = new TreeMap<>();
            for (String field : fields) {
                Object[] perDoc = results.get(field);
                if (perDoc != null && perDoc[d] instanceof int[] offsets) {
                    for (int i = 0; i + 1 < offsets.length; i += 2) {
                        ranges.merge(offsets[i], offsets[i + 1], Math::max);
                    }
                }
            }
            String text = textOfDoc.apply(docIds[d]);
            highlights.add(new Highlight(text, merge(ranges, text.length())));
        }
        return highlights;
    }

    private static List<Highlight.Range> merge(TreeMap<Integer, Integer> ranges, int length) {
        List<Highlight.Range> merged = new ArrayList<>();
        for (Map.Entry<Integer, Integer> r : ranges.entrySet()) {
            int start = r.getKey();
            int end = Math.min(r.getValue(), length);
            if (start >= end) {
                continue;
            }
            if (!merged.isEmpty() && start <= merged.get(merged.size() - 1).end()) {
                Highlight.Range last = merged.remove(merged.size() - 1);
                merged.add(new Highlight.Range(last.start(), Math.max(last.end(), end)));
            } else {
                merged.add(new Highlight.Range(start, end));
            }
        }
        merged.sort(Comparator.comparingInt(Highlight.Range::start));
        return merged;
    }

    /** Returns the match offsets as {@code [start0, end0, start1, end1, ...]} instead of marked-up text. */
    private static final class RangeFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            int count = 0;
            for (Passage p : passages) {
                count += p.getNumMatches();
            }
            int[] offsets = new int[count * 2];
            int i = 0;
            for (Passage p : passages) {
                for (int m = 0; m < p.getNumMatches(); m++) {
                    offsets[i++] = p.getMatchStarts()[m];
                    offsets[i++] = p.getMatchEnds()[m];
                }
            }
            return offsets;
        }
    }
}
