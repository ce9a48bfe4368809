// C, Verilog and DOT emitters for AIGs.
