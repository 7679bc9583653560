package press.crm.segments.evaluation;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Walks a parsed statement and notes what a read-only segment must not contain: tables, called
 * functions, data-modifying parts (also inside WITH), SELECT INTO and row locks.
 */
final class SqlInspector extends TablesNamesFinder<Void> {

  private final Set<String> functions = new LinkedHashSet<>();
  private final Set<String> writes = new LinkedHashSet<>();

  SqlInspector() {
    init(true);
  }

  Set<String> functions() {
    return functions;
  }

  Set<String> writes() {
    return writes;
  }

  @Override
  public <S> Void visit(Function function, S context) {
    if (function.getName() != null) {
      functions.add(function.getName().toLowerCase(Locale.ROOT));
    }
    return super.visit(function, context);
  }

  @Override
  public <S> Void visit(TableFunction tableFunction, S context) {
    if (tableFunction.getFunction() != null && tableFunction.getFunction().getName() != null) {
      functions.add(tableFunction.getFunction().getName().toLowerCase(Locale.ROOT));
    }
    return super.visit(tableFunction, context);
  }

  @Override
  public <S> Void visit(PlainSelect select, S context) {
    if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
      writes.add("SELECT INTO");
    }
    if (select.getForMode() != null) {
      writes.add("FOR " + select.getForMode().getValue());
    }
    return super.visit(select, context);
  }

  @Override
  public <S> Void visit(Insert insert, S context) {
    writes.add("INSERT");
    return super.visit(insert, context);
  }

  @Override
  public <S> Void visit(ParenthesedInsert insert, S context) {
    writes.add("INSERT");
    return super.visit(insert, context);
  }

  @Override
  public <S> Void visit(Update update, S context) {
    writes.add("UPDATE");
    return super.visit(update, context);
  }

  @Override
  public <S> Void visit(ParenthesedUpdate update, S context) {
    writes.add("UPDATE");
    return super.visit(update, context);
  }

  @Override
  public <S> Void visit(Delete delete, S context) {
    writes.add("DELETE");
    return super.visit(delete, context);
  }

  @Override
  public <S> Void visit(ParenthesedDelete delete, S context) {
    writes.add("DELETE");
    return super.visit(delete, context);
  }

  @Override
  public <S> Void visit(Merge merge, S context) {
    writes.add("MERGE");
    return super.visit(merge, context);
  }
}
