import type { ContentProblem } from './content-error.js';
import { factFigures } from './fact-checks.js';
import { CHECKED_ASPECTS, type Procedure } from './procedure-schema.js';
import type { YamlFile } from './yaml-file.js';

/** Text compared as staff read it: line breaks of folded YAML and repeated spaces do not count. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/**
 * The rule code keeps about fact checks: every fact of CHECKED_ASPECTS has its check
 * ("câu hỏi kiểm tra"), and what a check asks the reply to state is in the fact's own text, so a
 * check cannot drift from its fact unnoticed. Running the checks is fact-checks.ts.
 */
export function factCheckRuleProblems(file: YamlFile, p: Procedure): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const aspect of CHECKED_ASPECTS) {
    const fact = p.aspects[aspect];
    if (!fact.check) {
      problems.push(file.problem(['aspects', aspect], 'thiếu câu hỏi kiểm tra (check): mỗi thông tin về nơi nộp, thời gian và lệ phí cần một câu hỏi người dân hay hỏi, để kiểm tra câu trả lời trước khi xuất bản'));
      continue;
    }
    if ('unknown' in fact) continue;
    const text = flat([fact.text, ...(fact.items ?? [])].join(' '));
    fact.check.mustSay?.forEach((phrase, i) => {
      if (!text.includes(flat(phrase))) {
        problems.push(file.problem(['aspects', aspect, 'check', 'mustSay', i], `cụm "${phrase}" không có trong nội dung: sửa cụm này cho khớp nội dung mới, hoặc xóa nó khỏi câu hỏi kiểm tra`));
      }
    });
    if (!fact.check.mustSay?.length && factFigures(text).length === 0) {
      problems.push(file.problem(['aspects', aspect, 'check', 'mustSay'], 'nội dung không có con số (số tiền, số ngày): hãy ghi ít nhất một cụm câu trả lời phải nêu'));
    }
  }
  return problems;
}
